package dev.hush.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: logs an unexpected failure under a random id and gives the client only that
 * id, never a stack trace, SQL or class name. A body cut short by the client is a 400.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (causedByEndOfInput(exception)) {
            return ErrorBodies.response(400, "invalid_request", "The request body ended early");
        }
        String errorId = UUID.randomUUID().toString();
        LOGGER.error("Unhandled error error_id={}", errorId, exception);
        return ErrorBodies.response(500, "internal_error",
                "The server failed to handle the request (error id " + errorId + ")");
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
