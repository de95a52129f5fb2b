package dev.hush.tasks;

import dev.hush.core.PanicMode;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /tasks/panic-mode?enabled=true|false}: switches panic mode, in which any failed
 * unlock wipes the vault and stops the process. The choice is stored in the database, so it
 * outlasts restarts and overrides PANIC_MODE. Without a parameter, prints the current state.
 */
public final class PanicModeTask extends Task {
    static final String USAGE = "Usage: POST /tasks/panic-mode?enabled=true|false, "
            + "or with no parameter to print the current state.";

    private final PanicMode panicMode;

    public PanicModeTask(PanicMode panicMode) {
        super("panic-mode");
        this.panicMode = panicMode;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        if (parameters.isEmpty()) {
            output.println("Panic mode: " + panicMode.describe());
            return;
        }
        Optional<String> enabled = TaskParameters.single(parameters, "enabled");
        if (parameters.size() != 1 || enabled.isEmpty()
                || !(enabled.get().equals("true") || enabled.get().equals("false"))) {
            output.println("Panic mode was not changed: invalid parameters.");
            output.println(USAGE);
            return;
        }
        panicMode.set(Boolean.parseBoolean(enabled.get()));
        output.println("Panic mode: " + panicMode.describe());
    }
}
