package dev.hush.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.hush.core.Timestamps;
import dev.hush.db.ThreadRow;
import java.util.Base64;

/** A thread as the API returns it: blobs in standard base64, time in ISO-8601 UTC. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ThreadView(String id, String ciphertext, String iv, String createdAt) {
    public static ThreadView of(ThreadRow row) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new ThreadView(row.id().toString(), base64.encodeToString(row.ciphertext()),
                base64.encodeToString(row.iv()), Timestamps.format(row.createdAt()));
    }
}
