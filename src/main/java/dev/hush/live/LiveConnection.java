package dev.hush.live;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live socket. Outgoing frames go through {@link #send}, which never blocks: it counts the
 * bytes and frames that Jetty has not yet written, and drops the socket once either passes its
 * bound, so a client that stops reading cannot make the server buffer without limit.
 */
public final class LiveConnection implements Session.Listener.AutoDemanding {
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveConnection.class);

    private final LiveHub hub;
    private final ClientFrameHandler frames;
    private final LiveLimits limits;
    private final String clientIp;
    private final Instant tokenExpiresAt;
    private final long tokenGeneration;
    private final Rejection rejection;
    private final Set<UUID> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session session;

    /** The reason a socket is closed right after the upgrade, with the close code sent. */
    enum Rejection {
        NONE(0, ""),
        UNAUTHORIZED(4001, "unauthorized"),
        IP_BLOCKED(4003, "ip_blocked");

        final int code;
        final String reason;

        Rejection(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    LiveConnection(LiveHub hub, ClientFrameHandler frames, LiveLimits limits, String clientIp,
            Instant tokenExpiresAt, long tokenGeneration, Rejection rejection) {
        this.hub = hub;
        this.frames = frames;
        this.limits = limits;
        this.clientIp = clientIp;
        this.tokenExpiresAt = tokenExpiresAt;
        this.tokenGeneration = tokenGeneration;
        this.rejection = rejection;
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        this.session = openedSession;
        if (rejection != Rejection.NONE) {
            hub.recordRejection(rejection);
            close(rejection.code, rejection.reason);
            return;
        }
        hub.register(this);
    }

    @Override
    public void onWebSocketText(String text) {
        if (rejection == Rejection.NONE && !closing.get()) {
            frames.handle(this, text);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        if (rejection == Rejection.NONE) {
            send(LiveFrames.error("binary frames are not supported; send JSON text frames"));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closing.set(true);
        hub.unregister(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOGGER.debug("WebSocket failed ip={} error={}", clientIp, cause.toString());
        closing.set(true);
        hub.unregister(this);
    }

    /**
     * Queues a frame without blocking. Returns false when the socket is closing or the frame
     * would pass the outbound bound; in the second case the socket is dropped.
     */
    boolean send(String frame) {
        Session current = session;
        if (current == null || closing.get()) {
            return false;
        }
        int size = frame.length();
        long bytes = queuedBytes.addAndGet(size);
        int count = queuedFrames.incrementAndGet();
        if (bytes > limits.outboundQueueBytes() || count > limits.outboundQueueFrames()) {
            release(size);
            dropSlowConsumer(current, bytes, count);
            return false;
        }
        try {
            current.sendText(frame, Callback.from(() -> release(size), failure -> release(size)));
        } catch (RuntimeException e) {
            release(size);
            LOGGER.debug("Sending a frame failed ip={} error={}", clientIp, e.toString());
            return false;
        }
        return true;
    }

    /** Closes the socket with a close code such as 4001 or 1001; later calls do nothing. */
    void close(int code, String reason) {
        Session current = session;
        if (current == null || !closing.compareAndSet(false, true)) {
            return;
        }
        hub.unregister(this);
        current.close(code, reason, Callback.NOOP);
    }

    private void dropSlowConsumer(Session current, long bytes, int count) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOGGER.warn("Dropping slow WebSocket consumer ip={} queuedBytes={} queuedFrames={}",
                clientIp, bytes, count);
        hub.recordSlowConsumer();
        hub.unregister(this);
        // A close frame would wait behind the unread frames, so the connection is cut at once,
        // which also fails the queued writes and releases their memory.
        current.disconnect();
    }

    private void release(int size) {
        queuedBytes.addAndGet(-size);
        queuedFrames.decrementAndGet();
    }

    boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen() && !closing.get();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    Set<UUID> subscriptions() {
        return subscriptions;
    }

    String clientIp() {
        return clientIp;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    /** Returns the wipe generation the socket's token was issued in. */
    long tokenGeneration() {
        return tokenGeneration;
    }
}
