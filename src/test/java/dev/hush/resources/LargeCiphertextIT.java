package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The largest ciphertext the configuration allows (16 MiB) is stored and read back whole. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LargeCiphertextIT {
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension(
            ConfigOverride.config("http.maxCiphertextBytes", String.valueOf(MAX_BYTES)));

    @Test
    void largestAllowedCiphertextRoundTrips() {
        TestDatabase.get().truncateAll();
        ApiClient client = TestApp.client(APP);
        String token = client.unlock();
        String threadId = UUID.randomUUID().toString();
        byte[] ciphertext = new byte[MAX_BYTES];
        new Random(16).nextBytes(ciphertext);
        String encoded = Base64.getEncoder().encodeToString(ciphertext);

        Result thread = client.post("/api/threads",
                Map.of("id", threadId, "ciphertext", encoded, "iv", "AAECAwQFBgcICQoL"), token);
        Result read = client.get("/api/threads/" + threadId, token);

        assertThat(thread.status()).as(thread.status() == 201 ? "" : thread.text()).isEqualTo(201);
        assertThat(read.json().get("ciphertext").asText()).isEqualTo(encoded);
    }
}
