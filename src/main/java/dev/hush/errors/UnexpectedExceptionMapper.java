package dev.hush.errors;

import dev.hush.core.LogThrottle;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: logs an unexpected failure under a random id and gives the client only that
 * id, never a stack trace, SQL or class name. A body cut short by the client is a 400, and a
 * database that cannot be reached is a 503.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    private static final long UNAVAILABLE_LOG_INTERVAL_SECONDS = 10;

    private final LogThrottle unavailableLog = new LogThrottle(UNAVAILABLE_LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    @Override
    public Response toResponse(Throwable exception) {
        if (causedByEndOfInput(exception)) {
            return ErrorBodies.response(400, "invalid_request", "The request body ended early");
        }
        if (DatabaseOutage.causedBy(exception)) {
            logUnavailable(exception);
            return ErrorBodies.response(503, "unavailable",
                    "The database is unavailable; try again later");
        }
        String errorId = UUID.randomUUID().toString();
        LOGGER.error("Unhandled error error_id={}", errorId, exception);
        return ErrorBodies.response(500, "internal_error",
                "The server failed to handle the request (error id " + errorId + ")");
    }

    /**
     * Logs at most one line per {@link #UNAVAILABLE_LOG_INTERVAL_SECONDS}, with the number of
     * requests that got 503 since the last line, so an outage does not flood the log.
     */
    private void logUnavailable(Throwable exception) {
        int suppressed = unavailableLog.tryLog();
        if (suppressed >= 0) {
            LOGGER.warn("Database unavailable, requests get 503: error={} sqlstate={} suppressed={}",
                    exception.getClass().getSimpleName(), DatabaseOutage.sqlState(exception), suppressed);
        }
    }

    private static boolean causedByEndOfInput(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
