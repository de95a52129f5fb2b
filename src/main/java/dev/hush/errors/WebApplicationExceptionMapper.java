package dev.hush.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Maps Jersey's own failures (unknown path, wrong method, wrong content type) with the JSON
 * error body. A response that already carries a body, such as the auth filter's 401, is kept.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder response = Response.fromResponse(
                ErrorBodies.response(status, ErrorBodies.codeFor(status), ErrorBodies.messageFor(status)));
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            response.header("Allow", allow);
        }
        return response.build();
    }
}
