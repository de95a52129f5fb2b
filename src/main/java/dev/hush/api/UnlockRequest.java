package dev.hush.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code POST /api/auth}: the vault's 12 words as the user typed them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnlockRequest(String words) {
    @Override
    public String toString() {
        return "UnlockRequest[words=[redacted]]";
    }
}
