package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.HushApplication;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.MutableClock;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ip_temp policy with MAX_AUTH_FAILURES=3, behind a trusted proxy at 127.0.0.1. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IpBlockIT {
    static final MutableClock CLOCK = new MutableClock();
    static final DropwizardAppExtension<HushConfiguration> APP =
            TestApp.extension(() -> new HushApplication(CLOCK), settings());

    private DefenseClient client;

    /**
     * Returns new overrides each time. A ConfigOverride remembers the system property it replaced,
     * so one instance shared by two servers would restore the other's value and leak it.
     */
    private static ConfigOverride[] settings() {
        return new ConfigOverride[] {
            ConfigOverride.config("defense.maxAuthFailures", "3"),
            ConfigOverride.config("defense.failureMode", "ip_temp"),
            ConfigOverride.config("defense.ipBlockMinutes", "60"),
            ConfigOverride.config("defense.trustedProxies", "127.0.0.1/32"),
        };
    }

    @BeforeEach
    void setUp() {
        client = DefenseClient.of(APP);
        assertThat(client.task("wipe?confirm=yes").status()).isEqualTo(200);
    }

    /** Leaves no block behind for the next test class, whose app loads blocks when it starts. */
    @AfterAll
    static void cleanUp() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void threeWrongUnlocksBlockOnlyThatIp() {
        Result first = client.wrongUnlock("203.0.113.10");
        Result second = client.wrongUnlock("203.0.113.10");
        Result third = client.wrongUnlock("203.0.113.10");

        assertThat(first.status()).isEqualTo(401);
        assertThat(first.json().get("error").asText()).isEqualTo("invalid_credentials");
        assertThat(first.json().get("remaining_attempts").asInt()).isEqualTo(2);
        assertThat(second.json().get("remaining_attempts").asInt()).isEqualTo(1);
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.json().get("error").asText()).isEqualTo("ip_blocked");
        Instant expiresAt = Instant.parse(third.json().get("expires_at").asText());
        assertThat(expiresAt).isCloseTo(CLOCK.instant().plus(Duration.ofMinutes(60)),
                org.assertj.core.api.Assertions.within(1, ChronoUnit.SECONDS));

        assertThat(client.rightUnlock("203.0.113.11").status()).isEqualTo(200);
    }

    @Test
    void blockedIpGets403ButNotOnHealth() {
        blockIp("203.0.113.12");

        Result salt = client.get("/api/auth/salt", "203.0.113.12");
        Result thread = client.get("/api/threads/00000000-0000-0000-0000-000000000000", "203.0.113.12");
        Result unknown = client.get("/api/nothing-here", "203.0.113.12");
        Result health = client.get("/health", "203.0.113.12");

        assertThat(salt.status()).isEqualTo(403);
        assertThat(salt.json().get("error").asText()).isEqualTo("ip_blocked");
        assertThat(salt.json().get("message").asText()).isNotBlank();
        assertThat(salt.json().has("expires_at")).isTrue();
        assertThat(salt.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(thread.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(health.status()).isEqualTo(200);
    }

    @Test
    void blockedIpReachesWsEndpoint() {
        blockIp("203.0.113.22");

        Result upgrade = client.get("/ws?token=x", "203.0.113.22");

        // The /ws endpoint itself closes a blocked client's socket with 4003, which browsers see.
        assertThat(upgrade.status()).isNotEqualTo(403);
        assertThat(upgrade.text()).doesNotContain("ip_blocked");
    }

    @Test
    void correctUnlockAfterThresholdIsRefused() {
        blockIp("203.0.113.13");

        Result unlock = client.rightUnlock("203.0.113.13");

        assertThat(unlock.status()).isEqualTo(403);
        assertThat(client.rightUnlock("203.0.113.13").status()).isEqualTo(403);
        assertThat(DefenseClient.rows("blocked_ips")).isEqualTo(1);
    }

    @Test
    void unblockTaskLiftsBlockAndClearsCount() {
        blockIp("203.0.113.14");
        client.wrongUnlock("203.0.113.15");

        Result task = client.task("unblock-ip?ip=203.0.113.14");
        Result again = client.task("unblock-ip?ip=203.0.113.14");
        Result other = client.task("unblock-ip?ip=203.0.113.15");

        assertThat(task.status()).isEqualTo(200);
        assertThat(task.text()).contains("203.0.113.14: block lifted");
        assertThat(again.text()).contains("was not blocked");
        assertThat(other.text()).contains("(was 1)");
        assertThat(DefenseClient.failureCount("203.0.113.15")).isZero();
        assertThat(client.rightUnlock("203.0.113.14").status()).isEqualTo(200);
    }

    @Test
    void unblockTaskPrintsUsageOnBadInput() {
        Result missing = client.task("unblock-ip");
        Result hostName = client.task("unblock-ip?ip=localhost");

        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.text()).contains("Usage: POST /tasks/unblock-ip?ip=");
        assertThat(hostName.text()).contains("not an IP address");
    }

    @Test
    void blockedIpsTaskListsBlocks() {
        blockIp("203.0.113.16");
        blockIp("2001:db8::16");

        Result list = client.task("blocked-ips");

        assertThat(list.text()).contains("Blocked IPs: 2");
        assertThat(list.text()).contains("203.0.113.16 expires_at=");
        assertThat(list.text()).contains("2001:db8::16 expires_at=");
    }

    @Test
    void ipv6WrittenTwoWaysCountsOnce() {
        client.wrongUnlock("2001:db8::17");
        client.wrongUnlock("2001:0db8:0:0:0:0:0:17");

        Result third = client.wrongUnlock("[2001:DB8::0:17]:443");

        assertThat(third.status()).isEqualTo(403);
    }

    @Test
    void forwardedForCountsRightMostUntrustedEntry() {
        client.wrongUnlock("1.2.3.4, 203.0.113.9");

        assertThat(DefenseClient.failureCount("203.0.113.9")).isEqualTo(1);
        assertThat(DefenseClient.failureCount("1.2.3.4")).isZero();
    }

    @Test
    void blockExpiresOnTime() {
        blockIp("203.0.113.18");

        CLOCK.advance(Duration.ofMinutes(59));
        Result stillBlocked = client.rightUnlock("203.0.113.18");
        CLOCK.advance(Duration.ofMinutes(1));
        Result afterExpiry = client.rightUnlock("203.0.113.18");

        assertThat(stillBlocked.status()).isEqualTo(403);
        assertThat(afterExpiry.status()).isEqualTo(200);
    }

    @Test
    void runningInstanceSeesOtherInstancesBlock() throws Exception {
        DropwizardTestSupport<HushConfiguration> second =
                TestApp.support(() -> new HushApplication(CLOCK), settings());
        second.before();
        try {
            DefenseClient other = new DefenseClient(second.getLocalPort(), second.getAdminPort());
            assertThat(other.get("/api/auth/salt", "203.0.113.21").status()).isEqualTo(200);

            blockIp("203.0.113.21");

            assertThat(awaitStatus(other, "203.0.113.21", 403, Duration.ofSeconds(5))).isEqualTo(403);
        } finally {
            second.after();
        }
    }

    @Test
    void blockSurvivesRestart() throws Exception {
        blockIp("203.0.113.19");
        DropwizardTestSupport<HushConfiguration> restarted =
                TestApp.support(() -> new HushApplication(CLOCK), settings());
        restarted.before();
        try {
            DefenseClient other = new DefenseClient(restarted.getLocalPort(), restarted.getAdminPort());

            Result salt = other.get("/api/auth/salt", "203.0.113.19");

            assertThat(salt.status()).isEqualTo(403);
            assertThat(salt.json().get("expires_at").isTextual()).isTrue();
        } finally {
            restarted.after();
        }
    }

    @Test
    void blockCountsInMetrics() {
        long before = client.counter("hush.blocks");

        blockIp("203.0.113.20");

        assertThat(client.counter("hush.blocks")).isEqualTo(before + 1);
    }

    /** Polls the salt endpoint as {@code ip} until it returns {@code status} or the time is up. */
    private static int awaitStatus(DefenseClient other, String ip, int status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = other.get("/api/auth/salt", ip).status();
        while (last != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = other.get("/api/auth/salt", ip).status();
        }
        return last;
    }

    private void blockIp(String ip) {
        for (int i = 0; i < 3; i++) {
            client.wrongUnlock(ip);
        }
        assertThat(client.get("/api/auth/salt", ip).status()).isEqualTo(403);
    }
}
