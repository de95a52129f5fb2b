package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-IP token buckets: 3 unlock attempts and 5 other API requests, refilling at 1 a minute. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension(
            ConfigOverride.config("rateLimits.authBurst", "3"),
            ConfigOverride.config("rateLimits.authPerMinute", "1"),
            ConfigOverride.config("rateLimits.apiBurst", "5"),
            ConfigOverride.config("rateLimits.apiPerMinute", "1"),
            ConfigOverride.config("defense.maxAuthFailures", "2"),
            ConfigOverride.config("defense.trustedProxies", "127.0.0.1/32"));

    private DefenseClient client;

    @BeforeEach
    void setUp() {
        client = DefenseClient.of(APP);
        client.task("wipe?confirm=yes");
    }

    /** Leaves no block behind for the next test class, whose app loads blocks when it starts. */
    @AfterAll
    static void cleanUp() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void unlockAttemptsPastBurstGet429() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.rightUnlock("203.0.113.30").status()).isEqualTo(200);
        }

        Result limited = client.rightUnlock("203.0.113.30");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");
        assertThat(limited.json().get("message").asText()).isNotBlank();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(client.rightUnlock("203.0.113.31").status()).isEqualTo(200);
        assertThat(client.get("/api/auth/salt", "203.0.113.30").status()).isEqualTo(200);
    }

    @Test
    void otherApiRequestsHaveTheirOwnBucket() {
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/api/auth/salt", "203.0.113.32").status()).isEqualTo(200);
        }

        Result limited = client.get("/api/auth/salt", "203.0.113.32");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(client.rightUnlock("203.0.113.32").status()).isEqualTo(200);
    }

    @Test
    void wsRequestsDrawFromApiBucket() {
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/ws", "203.0.113.35").status()).isNotEqualTo(429);
        }

        Result limited = client.get("/ws", "203.0.113.35");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");
    }

    @Test
    void healthIsNotLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(client.get("/health", "203.0.113.33").status()).isEqualTo(200);
        }
    }

    @Test
    void blockIsCheckedBeforeRateLimit() {
        client.wrongUnlock("203.0.113.34");
        client.wrongUnlock("203.0.113.34");

        for (int i = 0; i < 4; i++) {
            Result result = client.wrongUnlock("203.0.113.34");
            assertThat(result.status()).isEqualTo(403);
            assertThat(result.json().get("error").asText()).isEqualTo("ip_blocked");
        }
    }
}
