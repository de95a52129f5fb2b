package dev.hush.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.hush.core.Timestamps;
import dev.hush.db.MessageRow;
import java.util.Base64;

/** A message as the API returns it: blobs in standard base64, time in ISO-8601 UTC. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(String id, String threadId, String ciphertext, String iv, String createdAt) {
    public static MessageView of(MessageRow row) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new MessageView(row.id().toString(), row.threadId().toString(),
                base64.encodeToString(row.ciphertext()), base64.encodeToString(row.iv()),
                Timestamps.format(row.createdAt()));
    }
}
