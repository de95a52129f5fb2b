package dev.hush.errors;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;

/** Tells a lost or refused database connection apart from other failures. */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /**
     * Returns whether the failure is a lost or refused database connection: JDBI could not open
     * one, or PostgreSQL returned a connection error (SQLSTATE class 08) or is shutting down
     * or starting (57P01 to 57P03).
     */
    public static boolean causedBy(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first SQLSTATE in the cause chain, or "none". */
    public static String sqlState(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none";
    }

    private static boolean isConnectionFailure(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.matches("57P0[123]"));
    }
}
