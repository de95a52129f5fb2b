package dev.hush.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.core.Block;
import dev.hush.core.BlockList;
import dev.hush.core.RateLimiter;
import dev.hush.core.VaultShutdown;
import dev.hush.errors.ApiException;
import dev.hush.errors.DefenseErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code /api} and {@code /ws} before any resource or authentication runs: first the IP
 * block check, then the per-IP rate limit. A blocked IP gets 403 on {@code /api}. On {@code /ws}
 * the upgrade goes on with the block in the {@link #BLOCK_ATTRIBUTE} request attribute, because
 * browsers see only close code 1006 for a refused handshake, and the socket closes with 4003.
 */
public final class DefenseFilter extends HttpFilter {
    /** The request attribute holding the resolved client IP, as {@link ClientIpResolver} returns it. */
    public static final String CLIENT_IP_ATTRIBUTE = "hush.clientIp";
    /** The request attribute holding the {@link Block} of a blocked {@code /ws} client. */
    public static final String BLOCK_ATTRIBUTE = "hush.block";
    private static final Logger LOGGER = LoggerFactory.getLogger(DefenseFilter.class);

    private final ClientIpResolver clientIps;
    private final BlockList blocks;
    private final RateLimiter rateLimiter;
    private final VaultShutdown shutdown;
    private final ObjectMapper json;

    public DefenseFilter(ClientIpResolver clientIps, BlockList blocks, RateLimiter rateLimiter,
            VaultShutdown shutdown, ObjectMapper json) {
        this.clientIps = clientIps;
        this.blocks = blocks;
        this.rateLimiter = rateLimiter;
        this.shutdown = shutdown;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (shutdown.started()) {
            reject(response, DefenseErrors.shuttingDown());
            return;
        }
        String ip = clientIps.resolve(request);
        request.setAttribute(CLIENT_IP_ATTRIBUTE, ip);
        String path = path(request);
        boolean webSocket = path.equals("/ws") || path.startsWith("/ws/");

        Optional<Block> block = blocks.find(ip);
        if (block.isPresent()) {
            LOGGER.debug("Request refused, the IP is blocked: ip={} path={}", ip, path);
            if (!webSocket) {
                reject(response, DefenseErrors.ipBlocked(block.get().expiresAt()));
                return;
            }
            request.setAttribute(BLOCK_ATTRIBUTE, block.get());
        }

        RateLimiter.Kind kind = isUnlock(request, path) ? RateLimiter.Kind.AUTH : RateLimiter.Kind.API;
        Duration wait = rateLimiter.tryAcquire(kind, ip);
        if (!wait.isZero()) {
            LOGGER.debug("Request refused, rate limit reached: ip={} limit={} path={}", ip, kind, path);
            response.setHeader("Retry-After", Long.toString(DefenseErrors.retryAfterSeconds(wait)));
            reject(response, DefenseErrors.rateLimited(wait));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Returns the decoded, normalized path that the servlet mapping and Jersey also see. */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    private static boolean isUnlock(HttpServletRequest request, String path) {
        return "POST".equalsIgnoreCase(request.getMethod()) && path.startsWith("/api/auth");
    }

    /**
     * Sends the error response and closes the connection. The request body is left unread, so a
     * client that sent its next request on the same connection would otherwise see it cut off.
     */
    private void reject(HttpServletResponse response, ApiException error) throws IOException {
        byte[] body = json.writeValueAsBytes(error.body());
        response.setStatus(error.status());
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
