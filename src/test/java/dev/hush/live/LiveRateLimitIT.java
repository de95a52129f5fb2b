package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Message frames draw from the same per-IP request bucket as the REST API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LiveRateLimitIT {
    private static final int API_BURST = 6;

    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension(
            ConfigOverride.config("rateLimits.apiBurst", String.valueOf(API_BURST)),
            ConfigOverride.config("rateLimits.apiPerMinute", "1"));

    @Test
    void framesPastBucketAreRejected() {
        TestDatabase.get().truncateAll();
        ApiClient client = TestApp.client(APP);
        String token = client.unlock();
        String threadId = UUID.randomUUID().toString();
        client.post("/api/threads", Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", "AAECAwQFBgcICQoL"),
                token);
        Map<String, String> message = Map.of("type", "message", "thread_id", threadId,
                "ciphertext", "aGVsbG8=", "iv", "AAECAwQFBgcICQoL");

        int stored = 0;
        String refusal = null;
        try (LiveClient socket = LiveClient.connect(client.baseUrl(), token)) {
            for (int i = 0; i < API_BURST && refusal == null; i++) {
                socket.send(message);
                JsonNode reply = socket.next();
                if ("error".equals(reply.get("type").asText())) {
                    refusal = reply.get("message").asText();
                } else {
                    stored++;
                }
            }
            socket.send(Map.of("type", "ping"));
            assertThat(socket.next("pong").get("type").asText()).isEqualTo("pong");
        }

        assertThat(refusal).contains("too many messages");
        assertThat(stored).isLessThan(API_BURST);
        assertThat(stored).isPositive();
    }
}
