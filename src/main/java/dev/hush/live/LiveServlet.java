package dev.hush.live;

import dev.hush.auth.TokenService;
import dev.hush.auth.VaultSession;
import dev.hush.core.BlockList;
import dev.hush.http.ClientIpResolver;
import dev.hush.live.LiveConnection.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ws?token=<JWT>}: upgrades to a live socket. Every upgrade is accepted. A socket
 * with a missing, invalid or expired token is then closed with 4001 and one from a blocked IP
 * with 4003, because a browser gets only 1006 for a refused handshake and keeps reconnecting.
 */
public final class LiveServlet extends JettyWebSocketServlet {
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveServlet.class);
    private static final long MAX_BINARY_MESSAGE_BYTES = 1024;

    private final transient LiveHub hub;
    private final transient ClientFrameHandler frames;
    private final transient LiveLimits limits;
    private final transient TokenService tokens;
    private final transient ClientIpResolver clientIps;
    private final transient BlockList blocks;

    LiveServlet(LiveHub hub, ClientFrameHandler frames, LiveLimits limits, TokenService tokens,
            ClientIpResolver clientIps, BlockList blocks) {
        this.hub = hub;
        this.frames = frames;
        this.limits = limits;
        this.tokens = tokens;
        this.clientIps = clientIps;
        this.blocks = blocks;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setIdleTimeout(limits.idleTimeout());
        factory.setMaxTextMessageSize(limits.maxReadMessageBytes());
        factory.setMaxBinaryMessageSize(MAX_BINARY_MESSAGE_BYTES);
        // Jetty's own cap on queued frames is a backstop; LiveConnection drops the socket first.
        factory.setMaxOutgoingFrames(limits.outboundQueueFrames() + 16);
        factory.setCreator((request, response) -> admit(request));
    }

    /** Rejects a plain HTTP GET of /ws with a JSON 400 instead of the container's HTML page. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"websocket_required\","
                + "\"message\":\"/ws accepts only WebSocket upgrade requests\"}");
    }

    private LiveConnection admit(JettyServerUpgradeRequest request) {
        String ip = clientIps.resolve(request.getHttpServletRequest());
        Optional<VaultSession> session = tokens.verify(firstToken(request));
        Rejection rejection = Rejection.NONE;
        if (blocks.find(ip).isPresent()) {
            rejection = Rejection.IP_BLOCKED;
        } else if (session.isEmpty()) {
            rejection = Rejection.UNAUTHORIZED;
        }
        if (rejection != Rejection.NONE) {
            LOGGER.debug("Rejecting live socket ip={} reason={}", ip, rejection.reason);
        }
        Instant expiresAt = session.map(VaultSession::expiresAt).orElse(Instant.EPOCH);
        long generation = session.map(VaultSession::wipeGeneration).orElse(0L);
        return new LiveConnection(hub, frames, limits, ip, expiresAt, generation, rejection);
    }

    private static String firstToken(JettyServerUpgradeRequest request) {
        List<String> values = request.getParameterMap().get("token");
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
