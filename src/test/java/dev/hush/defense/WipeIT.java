package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.Burst;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The db_wipe policy with MAX_AUTH_FAILURES=5, the wipe task and the panic-mode switch. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WipeIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension(
            ConfigOverride.config("defense.failureMode", "db_wipe"),
            ConfigOverride.config("defense.maxAuthFailures", "5"),
            ConfigOverride.config("defense.trustedProxies", "127.0.0.1/32"));
    private static final String ATTACKER = "203.0.113.66";

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
    void thresholdEmptiesEveryTable() {
        String token = client.rightUnlock("198.51.100.1").json().get("token").asText();
        storeThreadWithMessage(token);
        client.wrongUnlock("198.51.100.2");

        for (int i = 0; i < 5; i++) {
            client.wrongUnlock(ATTACKER);
        }

        assertThat(DefenseClient.rows("threads")).isZero();
        assertThat(DefenseClient.rows("messages")).isZero();
        assertThat(DefenseClient.rows("auth_failures")).isZero();
        assertThat(DefenseClient.rows("blocked_ips")).isZero();
    }

    @Test
    void concurrentFailuresWipeExactlyOnce() throws Exception {
        String token = client.rightUnlock("198.51.100.1").json().get("token").asText();
        storeThreadWithMessage(token);
        long wipesBefore = client.counter("hush.wipes");
        long failuresBefore = client.counter("hush.unlock.failure");

        List<Result> results;
        // Holding the IP's advisory lock keeps all 50 attempts in flight until each has arrived.
        try (Connection lock = TestDatabase.get().connect()) {
            lockUnlocks(lock, ATTACKER);
            List<Future<Result>> futures = Burst.start(50, () -> client.wrongUnlock(ATTACKER));
            awaitWaitingAdvisoryLocks(30);
            Thread.sleep(500);
            unlockUnlocks(lock, ATTACKER);
            results = Burst.await(futures);
        }

        assertThat(Burst.countStatus(results, 401)).isEqualTo(50);
        assertThat(client.counter("hush.wipes") - wipesBefore).isEqualTo(1);
        assertThat(client.counter("hush.unlock.failure") - failuresBefore).isEqualTo(5);
        assertThat(DefenseClient.rows("messages")).isZero();
        assertThat(DefenseClient.rows("threads")).isZero();
        assertThat(DefenseClient.rows("auth_failures")).isZero();
        assertThat(results).extracting(result -> result.json().get("remaining_attempts").asInt())
                .filteredOn(remaining -> remaining < 5).containsExactlyInAnyOrder(4, 3, 2, 1, 0);
    }

    @Test
    void wipeTaskWithoutConfirmChangesNothing() {
        String token = client.rightUnlock("198.51.100.1").json().get("token").asText();
        storeThreadWithMessage(token);

        Result missing = client.task("wipe");
        Result wrong = client.task("wipe?confirm=no");

        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.text()).contains("Nothing was wiped").contains("Usage: POST /tasks/wipe?confirm=yes");
        assertThat(wrong.text()).contains("Nothing was wiped");
        assertThat(DefenseClient.rows("threads")).isEqualTo(1);
        assertThat(DefenseClient.rows("messages")).isEqualTo(1);
    }

    @Test
    void wipeTaskPrintsRowsRemoved() {
        String token = client.rightUnlock("198.51.100.1").json().get("token").asText();
        storeThreadWithMessage(token);
        client.wrongUnlock("198.51.100.2");
        long wipesBefore = client.counter("hush.wipes");

        Result wipe = client.task("wipe?confirm=yes");
        Result again = client.task("wipe?confirm=yes");

        assertThat(wipe.text()).contains("messages=1 threads=1 blocked_ips=0 auth_failures=1");
        assertThat(again.text()).contains("messages=0 threads=0 blocked_ips=0 auth_failures=0");
        assertThat(client.counter("hush.wipes") - wipesBefore).isEqualTo(2);
        assertThat(DefenseClient.rows("threads")).isZero();
    }

    @Test
    void wipeWaitsForOpenWriterThenEmptiesAll() throws Exception {
        String token = client.rightUnlock("198.51.100.1").json().get("token").asText();
        String threadId = storeThreadWithMessage(token);

        CompletableFuture<Result> wipe;
        try (Connection writer = TestDatabase.get().connect()) {
            writer.setAutoCommit(false);
            String sql = "INSERT INTO messages (thread_id, ciphertext, iv) "
                    + "VALUES (?::uuid, '\\x01'::bytea, '\\x02'::bytea)";
            try (PreparedStatement insert = writer.prepareStatement(sql)) {
                insert.setString(1, threadId);
                insert.executeUpdate();
            }
            wipe = CompletableFuture.supplyAsync(() -> client.task("wipe?confirm=yes"));
            Thread.sleep(1000);
            assertThat(wipe).isNotDone();
            writer.commit();
        }

        Result done = wipe.get(30, TimeUnit.SECONDS);
        assertThat(done.text()).contains("messages=2 threads=1");
        assertThat(DefenseClient.rows("messages")).isZero();
        assertThat(DefenseClient.rows("threads")).isZero();
    }

    @Test
    void messagesStoredCountsInMetrics() {
        String token = client.rightUnlock("198.51.100.1").json().get("token").asText();
        long before = client.counter("hush.messages.stored");

        storeThreadWithMessage(token);

        assertThat(client.counter("hush.messages.stored") - before).isEqualTo(1);
    }

    @Test
    void panicModeSwitchIsStoredAndPrinted() {
        Result initial = client.task("panic-mode");
        Result on = client.task("panic-mode?enabled=true");
        Result off = client.task("panic-mode?enabled=false");
        Result bad = client.task("panic-mode?enabled=maybe");
        Result current = client.task("panic-mode");

        assertThat(initial.text()).contains("enabled=false (from PANIC_MODE)");
        assertThat(on.text()).contains("enabled=true (set by an operator; PANIC_MODE=false)");
        assertThat(off.text()).contains("enabled=false (set by an operator");
        assertThat(bad.text()).contains("was not changed").contains("Usage: POST /tasks/panic-mode");
        assertThat(current.text()).contains("enabled=false (set by an operator");
        assertThat(DefenseClient.queryLong("SELECT count(*) FROM vault_state WHERE panic_mode = false"))
                .isEqualTo(1);
        client.task("wipe?confirm=yes");
        assertThat(DefenseClient.queryLong("SELECT count(*) FROM vault_state WHERE panic_mode = false"))
                .isEqualTo(1);
        TestDatabase.get().truncateAll();
    }

    private String storeThreadWithMessage(String token) {
        ApiClient api = client.api();
        String threadId = UUID.randomUUID().toString();
        Result thread = api.post("/api/threads",
                Map.of("id", threadId, "ciphertext", "c2VjcmV0IGhlYWRlcg==", "iv", "AAECAwQFBgcICQoL"), token);
        Result message = api.post("/api/messages",
                Map.of("thread_id", threadId, "ciphertext", "c2VjcmV0IGJvZHk=", "iv", "AAECAwQFBgcICQoL"), token);
        assertThat(thread.status()).isEqualTo(201);
        assertThat(message.status()).isEqualTo(201);
        return threadId;
    }

    private static void lockUnlocks(Connection connection, String ip) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, "hush-unlock:" + ip);
            lock.execute();
        }
    }

    private static void unlockUnlocks(Connection connection, String ip) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            lock.setString(1, "hush-unlock:" + ip);
            lock.execute();
        }
    }

    private static void awaitWaitingAdvisoryLocks(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            long waiting = DefenseClient.queryLong(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
            if (waiting >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Fewer than " + expected + " unlock attempts reached the advisory lock");
    }
}
