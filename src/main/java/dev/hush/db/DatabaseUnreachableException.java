package dev.hush.db;

/**
 * The database named by DATABASE_URL refused a connection at start-up or did not respond. The
 * message is the driver's, which names the host and user but never the password.
 */
public final class DatabaseUnreachableException extends RuntimeException {
    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
