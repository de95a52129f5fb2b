package dev.hush.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.http.SecurityHeadersFilter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the errors Jetty produces itself, before or outside Jersey (oversized headers, broken
 * URIs, unknown admin paths), with the API's JSON error body and security headers instead of
 * Jetty's HTML page. The body never repeats Jetty's reason or exception text.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
        }
        HttpFields.Mutable headers = response.getHeaders();
        addSecurityHeaders(headers);

        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        headers.put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        response.write(true, body(status), callback);
        return true;
    }

    /** Builds the response to a request Jetty could not parse, such as one with a 20 KB header. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        addSecurityHeaders(fields);
        if (HttpStatus.hasNoBody(status)) {
            return null;
        }
        fields.put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        return body(status);
    }

    private static void addSecurityHeaders(HttpFields.Mutable headers) {
        SecurityHeadersFilter.HEADERS.forEach(headers::put);
    }

    private static ByteBuffer body(int status) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(ErrorBodies.body(
                    ErrorBodies.codeFor(status), ErrorBodies.messageFor(status)));
            return ByteBuffer.wrap(bytes);
        } catch (JsonProcessingException e) {
            // Two fixed strings always serialize; keep a literal body in case they ever do not.
            return ByteBuffer.wrap("{\"error\":\"internal_error\",\"message\":\"Error\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
