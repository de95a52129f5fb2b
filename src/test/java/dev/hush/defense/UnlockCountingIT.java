package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.Burst;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test configuration as it is: MAX_AUTH_FAILURES=5, ip_temp, no trusted proxies. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnlockCountingIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

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
    void forgedForwardedForCountsAgainstSocket() {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(client.wrongUnlock("198.51.100." + i));
        }

        assertThat(results.subList(0, 4)).extracting(Result::status).containsOnly(401);
        assertThat(results.subList(0, 4)).extracting(result -> result.json().get("remaining_attempts").asInt())
                .containsExactly(4, 3, 2, 1);
        assertThat(results.subList(4, 20)).extracting(Result::status).containsOnly(403);
        assertThat(DefenseClient.queryLong("SELECT count(*) FROM blocked_ips WHERE ip_address = '127.0.0.1'"))
                .isEqualTo(1);
        assertThat(DefenseClient.rows("blocked_ips")).isEqualTo(1);
        assertThat(DefenseClient.rows("auth_failures")).isZero();
    }

    @Test
    void concurrentFailuresBlockExactlyOnce() throws Exception {
        long failuresBefore = client.counter("hush.unlock.failure");
        long blocksBefore = client.counter("hush.blocks");

        List<Result> results = Burst.await(Burst.start(50, () -> client.wrongUnlock(null)));

        assertThat(Burst.countStatus(results, 401)).isEqualTo(4);
        assertThat(Burst.countStatus(results, 403)).isEqualTo(46);
        assertThat(client.counter("hush.unlock.failure") - failuresBefore).isEqualTo(5);
        assertThat(client.counter("hush.blocks") - blocksBefore).isEqualTo(1);
        assertThat(DefenseClient.rows("blocked_ips")).isEqualTo(1);
        assertThat(client.rightUnlock(null).status()).isEqualTo(403);
    }

    @Test
    void successClearsFailureCount() {
        client.wrongUnlock(null);
        client.wrongUnlock(null);

        Result unlock = client.rightUnlock(null);
        Result next = client.wrongUnlock(null);

        assertThat(unlock.status()).isEqualTo(200);
        assertThat(next.json().get("remaining_attempts").asInt()).isEqualTo(4);
    }
}
