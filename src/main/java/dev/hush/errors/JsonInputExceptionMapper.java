package dev.hush.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Maps a body that is not valid JSON, has the wrong shape, or has a field of the wrong type,
 * with a 400 (413 when a value passes the parser's size limits). Jackson's own message is not
 * passed on, because it can quote the input, which may be ciphertext.
 */
public final class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (hasCause(exception, StreamConstraintsException.class)) {
            return ErrorBodies.response(413, "payload_too_large", "A value in the request body is too large");
        }
        // Databind wraps a parse failure inside a field, such as invalid UTF-8, in a mapping error.
        if (hasCause(exception, StreamReadException.class)) {
            return ErrorBodies.response(400, "invalid_json", "The request body is not valid JSON");
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ErrorBodies.response(400, "invalid_request", "'" + fieldPath(mapping) + "' has the wrong type");
        }
        return ErrorBodies.response(400, "invalid_request",
                "The request body must be a JSON object with the documented fields");
    }

    /** Returns a path such as {@code thread_ids[0]} or {@code words}. */
    private static String fieldPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
