package dev.hush.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Settings of the public HTTP surface: the one CORS origin and the ciphertext size cap. */
public record HttpSettings(
        @NotNull String frontendUrl,
        @Min(1) @Max(16 * 1024 * 1024) int maxCiphertextBytes) {

    public HttpSettings {
        if (frontendUrl == null) {
            frontendUrl = "https://localhost";
        }
        SettingChecks.origin(frontendUrl);
        if (maxCiphertextBytes == 0) {
            maxCiphertextBytes = 65_536;
        }
    }

    public static HttpSettings defaults() {
        return new HttpSettings("https://localhost", 65_536);
    }

    /**
     * Returns the largest request body accepted: the base64 text of a maximal ciphertext plus
     * room for the iv, ids and JSON punctuation.
     */
    public long maxBodyBytes() {
        return 4L * ((maxCiphertextBytes + 2) / 3) + 4096;
    }
}
