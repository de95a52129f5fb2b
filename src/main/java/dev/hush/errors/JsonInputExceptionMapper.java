package dev.hush.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * Answers a body that is not valid JSON, or has a field of the wrong type, with a 400. Jackson's
 * own message is not passed on, because it can quote the input, which may be ciphertext.
 */
public final class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping && !(exception instanceof JsonParseException)
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return ErrorBodies.response(400, "invalid_request", "'" + field + "' has the wrong type");
        }
        return ErrorBodies.response(400, "invalid_json", "The request body is not valid JSON");
    }
}
