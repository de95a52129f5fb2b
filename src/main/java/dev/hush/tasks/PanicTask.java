package dev.hush.tasks;

import dev.hush.core.VaultShutdown;
import dev.hush.core.WipeService;
import dev.hush.db.VaultWipeDao.RowCounts;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/panic}: wipes the vault, then stops the process with a non-zero status. */
public final class PanicTask extends Task {
    private final WipeService wipes;
    private final VaultShutdown shutdown;

    public PanicTask(WipeService wipes, VaultShutdown shutdown) {
        super("panic");
        this.wipes = wipes;
        this.shutdown = shutdown;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        RowCounts removed = wipes.wipe("admin task panic");
        output.println("Wiped the vault. Rows removed: " + removed.describe());
        output.println("Stopping the process.");
        output.flush();
        shutdown.stopAfterWipe("admin task panic");
    }
}
