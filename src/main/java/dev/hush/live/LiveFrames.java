package dev.hush.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.core.Timestamps;
import dev.hush.db.MessageRow;
import java.util.Base64;
import java.util.UUID;

/**
 * The JSON text of every frame the server sends. Non-ASCII characters are escaped, so a frame's
 * length in chars equals its length in UTF-8 bytes, which the outbound queue counts.
 */
final class LiveFrames {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    static final String PONG = simple("pong");
    static final String HEARTBEAT = simple("heartbeat");

    private LiveFrames() {
    }

    static String subscribed(UUID threadId) {
        return write(frame("subscribed").put("thread_id", threadId.toString()));
    }

    static String unsubscribed(UUID threadId) {
        return write(frame("unsubscribed").put("thread_id", threadId.toString()));
    }

    static String error(String message) {
        return error(message, null);
    }

    /** Builds an error frame; a non-null {@code clientId} names the message frame that failed. */
    static String error(String message, String clientId) {
        ObjectNode frame = frame("error").put("message", message);
        if (clientId != null) {
            frame.put("client_id", clientId);
        }
        return write(frame);
    }

    /** Returns a message frame; {@code clientId} is added only when it is not null. */
    static String message(MessageRow row, String clientId) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode frame = frame("message")
                .put("id", row.id().toString())
                .put("thread_id", row.threadId().toString())
                .put("ciphertext", base64.encodeToString(row.ciphertext()))
                .put("iv", base64.encodeToString(row.iv()))
                .put("created_at", Timestamps.format(row.createdAt()));
        if (clientId != null) {
            frame.put("client_id", clientId);
        }
        return write(frame);
    }

    private static String simple(String type) {
        return write(frame(type));
    }

    private static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static String write(ObjectNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Writing a frame of type " + frame.get("type") + " failed", e);
        }
    }
}
