package dev.hush.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code GET /api/messages/{thread_id}/count}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageCount(String threadId, long count) {
}
