package dev.hush.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code GET /api/auth/salt}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SaltResponse(String kdfSalt) {
}
