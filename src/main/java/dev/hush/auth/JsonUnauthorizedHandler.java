package dev.hush.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Responds to a missing or invalid token with the API's JSON error body instead of plain text. */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "unauthorized",
                        "message", "A valid bearer token is required; unlock the vault to get one"))
                .build();
    }
}
