package dev.hush.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Adds the headers every response carries: no sniffing, no framing, no referrer, no caching. */
public final class SecurityHeadersFilter extends HttpFilter {
    /** The headers and their values; Jetty's own error responses add them too. */
    public static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HEADERS.forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
