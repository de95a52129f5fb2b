package dev.hush.cli;

import dev.hush.config.InvalidSettingException;
import dev.hush.db.DatabaseUnreachableException;
import dev.hush.db.MigrationLockTimeoutException;
import io.dropwizard.configuration.ConfigurationException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;

/**
 * Prints start-up failures caused by configuration, an unreachable database or a held migration
 * lock as one plain line instead of a stack trace. The lines never contain a secret's value.
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
            if (cause instanceof DatabaseUnreachableException || cause instanceof MigrationLockTimeoutException) {
                err.println("Start-up failed: " + cause.getMessage());
                err.flush();
                return true;
            }
        }
        if (error instanceof FileNotFoundException missing) {
            err.println("Configuration error: " + missing.getMessage()
                    + "; pass the path of the configuration file, such as config.yml");
            err.flush();
            return true;
        }
        if (error instanceof ConfigurationException configuration) {
            err.println("Configuration error: " + firstLine(configuration));
            err.flush();
            return true;
        }
        return false;
    }

    /**
     * Returns the first line of the first error, such as "Malformed YAML at line: 39, column: 25;
     * mapping values are not allowed here". The lines after it quote the YAML around the fault,
     * which can hold a substituted secret.
     */
    private static String firstLine(ConfigurationException error) {
        String first = error.getErrors().stream().findFirst()
                .orElse("the configuration file is invalid");
        return first.strip().lines().findFirst().orElse("").strip();
    }
}
