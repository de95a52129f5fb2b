package dev.hush.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of a successful unlock: the bearer token, the KDF salt and the token lifetime in seconds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UnlockResponse(String token, String kdfSalt, long expiresIn) {
    @Override
    public String toString() {
        return "UnlockResponse[token=[redacted], expiresIn=" + expiresIn + "]";
    }
}
