package dev.hush.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the API's error responses: {@code {"error": code, "message": text}}. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static Map<String, Object> body(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, message)).build();
    }

    /** Returns the error code the API uses for a bare HTTP status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 411 -> "length_required";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }

    /** Returns a plain sentence for a bare HTTP status, used when no more specific message exists. */
    public static String messageFor(int status) {
        return switch (status) {
            case 404 -> "No such endpoint";
            case 405 -> "This endpoint does not support that HTTP method";
            case 406 -> "This endpoint only produces application/json";
            case 413 -> "The request body is too large";
            case 414 -> "The request URI is too long";
            case 415 -> "Send the request body as application/json";
            case 431 -> "The request headers are too large";
            case 505 -> "Use HTTP/1.1";
            default -> status >= 500 ? "The server failed to handle the request" : "The request is invalid";
        };
    }
}
