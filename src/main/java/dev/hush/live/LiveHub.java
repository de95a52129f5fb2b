package dev.hush.live;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.hush.db.MessageRow;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of open sockets and thread subscriptions on this instance, and the fan-out of
 * committed messages to them. {@link #deliver} is called by one thread only, the notification
 * listener, which keeps messages of one thread in commit order on every socket.
 */
public final class LiveHub implements Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveHub.class);
    private static final Duration ECHO_LIFETIME = Duration.ofMinutes(2);
    private static final int UNAUTHORIZED = 4001;

    private final LiveLimits limits;
    private final LongSupplier wipeGeneration;
    private final Clock clock;
    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, PendingEcho> pendingEchoes = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptionCount = new AtomicInteger();
    private final Meter framesRelayed;
    private final Counter slowConsumers;
    private final Counter rejectedUnauthorized;
    private final Counter rejectedBlocked;
    private ScheduledExecutorService heartbeats;

    /** The subscribers of one thread and the newest message delivered to them. */
    private static final class Channel {
        final Set<LiveConnection> members = ConcurrentHashMap.newKeySet();
        final Instant openedAt;
        volatile Instant lastDelivered;

        Channel(Instant openedAt) {
            this.openedAt = openedAt;
        }
    }

    /** The socket that sent a message, waiting for the message's commit to echo its client_id. */
    private record PendingEcho(LiveConnection sender, String clientId, Instant createdAt) {
    }

    /** Builds the hub; {@code wipeGeneration} returns the newest wipe generation known. */
    public LiveHub(LiveLimits limits, MetricRegistry metrics, LongSupplier wipeGeneration, Clock clock) {
        this.limits = limits;
        this.wipeGeneration = wipeGeneration;
        this.clock = clock;
        metrics.register("live.sockets.open", (Gauge<Integer>) connections::size);
        metrics.register("live.subscriptions", (Gauge<Integer>) subscriptionCount::get);
        metrics.register("live.outbound.queued-bytes", (Gauge<Long>) this::queuedBytes);
        this.framesRelayed = metrics.meter("live.frames.relayed");
        this.slowConsumers = metrics.counter("live.slow-consumers.dropped");
        this.rejectedUnauthorized = metrics.counter("live.sockets.rejected.unauthorized");
        this.rejectedBlocked = metrics.counter("live.sockets.rejected.ip-blocked");
    }

    @Override
    public void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hush-live-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = limits.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        closeAll(StatusCode.SHUTDOWN, "server shutting down");
    }

    /** Closes every open socket with {@code code}; used at shutdown with 1001. */
    public void closeAll(int code, String reason) {
        int count = connections.size();
        for (LiveConnection connection : List.copyOf(connections)) {
            connection.close(code, reason);
        }
        if (count > 0) {
            LOGGER.info("Closed live sockets count={} code={}", count, code);
        }
    }

    /**
     * Closes with 4001 every socket whose token was issued before wipe generation
     * {@code generation}, so the client has to unlock again.
     */
    public void closeSessionsBefore(long generation) {
        int count = 0;
        for (LiveConnection connection : List.copyOf(connections)) {
            if (connection.tokenGeneration() < generation) {
                connection.close(UNAUTHORIZED, "vault wiped");
                count++;
            }
        }
        if (count > 0) {
            LOGGER.warn("Closed live sockets of sessions ended by a wipe: count={} generation={}",
                    count, generation);
        }
    }

    void register(LiveConnection connection) {
        connections.add(connection);
        // A wipe that committed after the token was verified but before this socket was added
        // found nothing to close here, so the socket is checked again once it is in the set.
        if (sessionWiped(connection)) {
            connection.close(UNAUTHORIZED, "vault wiped");
        }
    }

    /** Removes a socket and all its subscriptions; safe to call more than once. */
    void unregister(LiveConnection connection) {
        if (!connections.remove(connection)) {
            return;
        }
        for (UUID threadId : List.copyOf(connection.subscriptions())) {
            unsubscribe(connection, threadId);
        }
    }

    /** Returns false when the connection already has the maximum number of subscriptions. */
    boolean subscribe(LiveConnection connection, UUID threadId) {
        if (connection.subscriptions().contains(threadId)) {
            return true;
        }
        if (connection.subscriptions().size() >= limits.maxSubscriptions()) {
            return false;
        }
        channels.compute(threadId, (id, channel) -> {
            Channel joined = channel == null ? new Channel(clock.instant()) : channel;
            if (joined.members.add(connection)) {
                connection.subscriptions().add(threadId);
                subscriptionCount.incrementAndGet();
            }
            return joined;
        });
        if (!connections.contains(connection)) {
            // The socket closed while subscribing; undo, so no subscription outlives its socket.
            unsubscribe(connection, threadId);
        }
        return true;
    }

    void unsubscribe(LiveConnection connection, UUID threadId) {
        channels.computeIfPresent(threadId, (id, channel) -> {
            if (channel.members.remove(connection)) {
                connection.subscriptions().remove(threadId);
                subscriptionCount.decrementAndGet();
            }
            return channel.members.isEmpty() ? null : channel;
        });
    }

    /** Records a message's sender before the commit, so the sender's copy carries its client_id. */
    void expectEcho(UUID messageId, LiveConnection sender, String clientId) {
        pendingEchoes.put(messageId, new PendingEcho(sender, clientId, clock.instant()));
    }

    void forgetEcho(UUID messageId) {
        pendingEchoes.remove(messageId);
    }

    /** Returns whether a stored message has anyone on this instance to go to. */
    boolean wants(UUID threadId, UUID messageId) {
        return channels.containsKey(threadId) || pendingEchoes.containsKey(messageId);
    }

    /**
     * Sends a committed message to every subscriber of its thread and to its sender. A message
     * not newer than the last one delivered on its thread was already sent by a catch-up, so it
     * is skipped.
     */
    void deliver(MessageRow row) {
        PendingEcho echo = pendingEchoes.remove(row.id());
        Channel channel = channels.get(row.threadId());
        if (channel != null) {
            Instant last = channel.lastDelivered;
            if (last != null && !row.createdAt().isAfter(last)) {
                return;
            }
            channel.lastDelivered = row.createdAt();
        }
        LiveConnection sender = echo == null ? null : echo.sender();
        String plain = null;
        if (channel != null) {
            for (LiveConnection member : channel.members) {
                if (member == sender) {
                    continue;
                }
                if (plain == null) {
                    plain = LiveFrames.message(row, null);
                }
                relay(member, plain);
            }
        }
        if (sender != null) {
            relay(sender, LiveFrames.message(row, echo.clientId()));
        }
    }

    /**
     * Returns, for each subscribed thread, the time after which messages may have been missed:
     * the newest delivered message, or else {@code fallback} for a thread that got none yet.
     */
    Map<UUID, Instant> catchUpCursors(Instant fallback) {
        Map<UUID, Instant> cursors = new HashMap<>();
        channels.forEach((threadId, channel) -> {
            Instant last = channel.lastDelivered;
            if (last == null) {
                last = fallback.isBefore(channel.openedAt) ? fallback : channel.openedAt;
            }
            cursors.put(threadId, last);
        });
        return cursors;
    }

    void recordSlowConsumer() {
        slowConsumers.inc();
    }

    void recordRejection(LiveConnection.Rejection rejection) {
        if (rejection == LiveConnection.Rejection.IP_BLOCKED) {
            rejectedBlocked.inc();
        } else {
            rejectedUnauthorized.inc();
        }
    }

    int openSockets() {
        return connections.size();
    }

    int subscriptions() {
        return subscriptionCount.get();
    }

    private void relay(LiveConnection connection, String frame) {
        if (connection.send(frame)) {
            framesRelayed.mark();
        }
    }

    /** Returns whether the socket's token has expired, so its frames must no longer be handled. */
    boolean tokenExpired(LiveConnection connection) {
        return !connection.tokenExpiresAt().isAfter(clock.instant());
    }

    /** Returns whether a wipe known here ended the socket's session, so its frames must not be handled. */
    boolean sessionWiped(LiveConnection connection) {
        return connection.tokenGeneration() < wipeGeneration.getAsLong();
    }

    /**
     * Sends heartbeats, closes sockets whose token expired or predates a wipe or whose peer is
     * gone, and drops pending echoes whose message never arrived.
     */
    void tick() {
        try {
            Instant now = clock.instant();
            for (LiveConnection connection : List.copyOf(connections)) {
                if (!connection.isOpen()) {
                    unregister(connection);
                } else if (tokenExpired(connection)) {
                    connection.close(UNAUTHORIZED, "token expired");
                } else if (sessionWiped(connection)) {
                    connection.close(UNAUTHORIZED, "vault wiped");
                } else {
                    connection.send(LiveFrames.HEARTBEAT);
                }
            }
            Instant staleBefore = now.minus(ECHO_LIFETIME);
            pendingEchoes.values().removeIf(echo -> echo.createdAt().isBefore(staleBefore));
        } catch (RuntimeException e) {
            LOGGER.error("Live heartbeat round failed", e);
        }
    }

    private long queuedBytes() {
        long total = 0;
        for (LiveConnection connection : connections) {
            total += connection.queuedBytes();
        }
        return total;
    }
}
