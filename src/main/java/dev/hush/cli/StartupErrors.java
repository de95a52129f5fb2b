package dev.hush.cli;

import dev.hush.config.InvalidSettingException;
import io.dropwizard.configuration.ConfigurationException;
import java.io.PrintWriter;

/**
 * Prints start-up failures caused by configuration as one plain line instead of a stack trace.
 * The lines name the variable and the rule; they never contain a value.
 */
public final class StartupErrors {
    private StartupErrors() {
    }

    /** Prints a short line for configuration failures and returns true; returns false for others. */
    public static boolean printIfConfigurationError(Throwable error, PrintWriter err) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException invalid) {
                err.println("Configuration error: " + invalid.getMessage());
                err.flush();
                return true;
            }
        }
        if (error instanceof ConfigurationException) {
            err.println("Configuration error: " + error.getMessage().strip());
            err.flush();
            return true;
        }
        return false;
    }
}
