package dev.hush.db;

/** The Liquibase changelog lock stayed taken for the whole bounded wait at start-up. */
public final class MigrationLockTimeoutException extends RuntimeException {
    public MigrationLockTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
