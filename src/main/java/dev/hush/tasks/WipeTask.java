package dev.hush.tasks;

import dev.hush.core.WipeService;
import dev.hush.db.VaultWipeDao.RowCounts;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/wipe?confirm=yes}: empties every vault and security table in one transaction. */
public final class WipeTask extends Task {
    static final String USAGE = "Usage: POST /tasks/wipe?confirm=yes\n"
            + "Deletes every message, thread, IP block and failure count in one transaction.";

    private final WipeService wipes;

    public WipeTask(WipeService wipes) {
        super("wipe");
        this.wipes = wipes;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        if (!TaskParameters.single(parameters, "confirm").filter("yes"::equals).isPresent()) {
            output.println("Nothing was wiped: confirm=yes is missing.");
            output.println(USAGE);
            return;
        }
        RowCounts removed = wipes.wipe("admin task wipe");
        output.println("Wiped the vault. Rows removed: " + removed.describe());
    }
}
