package dev.hush.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cross-origin access for the one frontend origin: methods GET, POST and DELETE, headers
 * Authorization and Content-Type. Other origins get no CORS headers, so browsers block them.
 */
public final class CorsFilter extends HttpFilter {
    private static final String ALLOWED_METHODS = "GET, POST, DELETE";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private static final String MAX_AGE_SECONDS = "600";
    private static final byte[] FORBIDDEN_ORIGIN = ("{\"error\":\"forbidden\","
            + "\"message\":\"This origin is not allowed to call the API\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final String allowedOrigin;

    public CorsFilter(String allowedOrigin) {
        this.allowedOrigin = allowedOrigin;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        response.addHeader("Vary", "Origin");
        boolean allowed = allowedOrigin.equals(origin);
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", allowedOrigin);
        }
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (preflight) {
            if (allowed) {
                response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
            }
            if (allowed) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                rejectPreflight(response);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static void rejectPreflight(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setContentLength(FORBIDDEN_ORIGIN.length);
        response.getOutputStream().write(FORBIDDEN_ORIGIN);
    }
}
