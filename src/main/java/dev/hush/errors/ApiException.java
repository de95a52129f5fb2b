package dev.hush.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client caused or must learn of, returned as
 * {@code {"error": code, "message": text}} plus any extra fields, with the given status.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = new LinkedHashMap<>(extra);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Returns the JSON body: error code and message first, then the extra fields. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", getMessage());
        body.putAll(extra);
        return body;
    }
}
