package dev.hush.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.core.BlockList;
import dev.hush.core.Inputs;
import dev.hush.core.LogThrottle;
import dev.hush.core.MessageService;
import dev.hush.errors.ApiException;
import dev.hush.errors.DatabaseOutage;
import dev.hush.live.LiveConnection.Rejection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the frames a client sends (subscribe, unsubscribe, message and ping) and sends the
 * replies. A bad frame gets an error frame and the connection stays open.
 */
final class ClientFrameHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientFrameHandler.class);
    private static final int MAX_ECHOED_TYPE_CHARS = 32;

    private final LiveHub hub;
    private final MessageService messages;
    private final LiveLimits limits;
    private final int maxCiphertextBytes;
    private final BlockList blocks;
    private final Predicate<String> messageAllowance;
    private final LogThrottle outageLog = new LogThrottle(10, TimeUnit.SECONDS);

    /**
     * Creates the handler. {@code messageAllowance} takes one token from the IP's request bucket
     * for each message frame, so a socket cannot store messages faster than REST allows.
     */
    ClientFrameHandler(LiveHub hub, MessageService messages, LiveLimits limits,
            int maxCiphertextBytes, BlockList blocks, Predicate<String> messageAllowance) {
        this.hub = hub;
        this.messages = messages;
        this.limits = limits;
        this.maxCiphertextBytes = maxCiphertextBytes;
        this.blocks = blocks;
        this.messageAllowance = messageAllowance;
    }

    void handle(LiveConnection connection, String text) {
        if (hub.tokenExpired(connection)) {
            connection.close(Rejection.UNAUTHORIZED.code, "token expired");
            return;
        }
        if (hub.sessionWiped(connection)) {
            connection.close(Rejection.UNAUTHORIZED.code, "vault wiped");
            return;
        }
        // An IP blocked after this socket opened loses the socket at its next frame.
        if (blocks.find(connection.clientIp()).isPresent()) {
            LOGGER.warn("Closing live socket of blocked ip={}", connection.clientIp());
            Rejection blocked = Rejection.IP_BLOCKED;
            connection.close(blocked.code, blocked.reason);
            return;
        }
        JsonNode frame = null;
        try {
            frame = parse(text);
            String type = text(frame, "type");
            if (type == null) {
                throw ApiException.badRequest("missing field 'type'");
            }
            switch (type) {
                case "subscribe" -> subscribe(connection, frame);
                case "unsubscribe" -> unsubscribe(connection, frame);
                case "message" -> store(connection, frame);
                case "ping" -> connection.send(LiveFrames.PONG);
                default -> throw ApiException.badRequest("unknown frame type '" + shorten(type)
                        + "'; expected subscribe, unsubscribe, message or ping");
            }
        } catch (ApiException e) {
            connection.send(LiveFrames.error(e.getMessage(), clientIdOf(frame)));
        } catch (RuntimeException e) {
            connection.send(LiveFrames.error(failureMessage(connection, e), clientIdOf(frame)));
        }
    }

    /** Logs an unexpected failure, at most one line per 10 s while the database is down. */
    private String failureMessage(LiveConnection connection, RuntimeException e) {
        if (DatabaseOutage.causedBy(e)) {
            int suppressed = outageLog.tryLog();
            if (suppressed >= 0) {
                LOGGER.warn("Database unavailable, live frames get errors: ip={} sqlstate={} suppressed={}",
                        connection.clientIp(), DatabaseOutage.sqlState(e), suppressed);
            }
            return "the database is unavailable; try again later";
        }
        LOGGER.error("Handling a live frame failed ip={}", connection.clientIp(), e);
        return "the server failed to handle the frame; try again";
    }

    /** Returns the frame's client_id when it is a string of allowed length, so errors can carry it. */
    private String clientIdOf(JsonNode frame) {
        if (frame == null || !frame.path("client_id").isTextual()) {
            return null;
        }
        String clientId = frame.get("client_id").asText();
        return clientId.length() <= limits.maxClientIdLength() ? clientId : null;
    }

    private JsonNode parse(String text) {
        if (text.length() > limits.maxFrameChars()) {
            throw ApiException.badRequest(
                    "frame is larger than " + limits.maxFrameChars() + " bytes");
        }
        JsonNode frame;
        try {
            frame = LiveFrames.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("frame is not valid JSON");
        }
        if (frame == null || !frame.isObject()) {
            throw ApiException.badRequest("frame must be a JSON object");
        }
        return frame;
    }

    private void subscribe(LiveConnection connection, JsonNode frame) {
        UUID threadId = Inputs.uuid("thread_id", text(frame, "thread_id"));
        if (!hub.subscribe(connection, threadId)) {
            throw ApiException.badRequest("a connection may subscribe to at most "
                    + limits.maxSubscriptions() + " threads; unsubscribe from one first");
        }
        connection.send(LiveFrames.subscribed(threadId));
    }

    private void unsubscribe(LiveConnection connection, JsonNode frame) {
        UUID threadId = Inputs.uuid("thread_id", text(frame, "thread_id"));
        hub.unsubscribe(connection, threadId);
        connection.send(LiveFrames.unsubscribed(threadId));
    }

    /**
     * Stores a message with the rules of {@code POST /api/messages}. The message reaches its
     * subscribers, this socket included, through the commit notification, not from here.
     */
    private void store(LiveConnection connection, JsonNode frame) {
        if (!messageAllowance.test(connection.clientIp())) {
            throw new ApiException(429, "rate_limited", "too many messages from this address; slow down");
        }
        UUID threadId = Inputs.uuid("thread_id", text(frame, "thread_id"));
        String ciphertextText = text(frame, "ciphertext");
        byte[] ciphertext = Inputs.blob("ciphertext", ciphertextText, maxCiphertextBytes);
        byte[] iv = Inputs.iv(text(frame, "iv"));
        String clientId = text(frame, "client_id");
        if (clientId != null && clientId.length() > limits.maxClientIdLength()) {
            throw ApiException.badRequest("'client_id' is longer than " + limits.maxClientIdLength()
                    + " characters");
        }

        AtomicReference<UUID> pending = new AtomicReference<>();
        try {
            messages.store(threadId, ciphertext, iv, row -> {
                pending.set(row.id());
                hub.expectEcho(row.id(), connection, clientId);
            });
        } catch (RuntimeException e) {
            UUID id = pending.get();
            if (id != null) {
                hub.forgetEcho(id);
            }
            throw e;
        }
    }

    /** Returns a field's text, null when it is absent or JSON null; any other type is invalid. */
    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String shorten(String type) {
        if (type.length() <= MAX_ECHOED_TYPE_CHARS) {
            return type;
        }
        return type.substring(0, MAX_ECHOED_TYPE_CHARS) + "...";
    }
}
