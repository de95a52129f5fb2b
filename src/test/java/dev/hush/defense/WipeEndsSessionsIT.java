package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.auth.TokenService;
import dev.hush.config.HushConfiguration;
import dev.hush.config.JwtSettings;
import dev.hush.config.Secret;
import dev.hush.core.DefenseRefresh;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every wipe ends the sessions issued before it, so their tokens get 401 and their live sockets
 * are closed with 4001. The wiping instance ends them at once, another instance sharing the
 * database at its next refresh, and an instance started after the wipe from the start.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WipeEndsSessionsIT {
    static final DropwizardAppExtension<HushConfiguration> FIRST = TestApp.extension();
    // Overrides are system properties that each app restores when it stops, so the two apps must
    // not override the same key, or the first value would leak into later test classes.
    static final DropwizardAppExtension<HushConfiguration> SECOND = TestApp.extension(
            ConfigOverride.config("defense.failureMode", "db_wipe"),
            ConfigOverride.config("defense.maxAuthFailures", "2"));
    private static final String IV = "AAECAwQFBgcICQoL";
    private static final Duration CATCH_UP = DefenseRefresh.INTERVAL.multipliedBy(3);

    private DefenseClient first;
    private DefenseClient second;

    /**
     * Wipes on the first instance and waits until the second has loaded that wipe, so both start
     * on the same generation. Otherwise a token from the first could predate a wipe the second
     * did in an earlier test, and failures on the second would not count for a wipe it has not
     * loaded yet.
     */
    @BeforeEach
    void setUp() throws Exception {
        TestDatabase.get().truncateAll();
        first = DefenseClient.of(FIRST);
        second = DefenseClient.of(SECOND);
        first.task("wipe?confirm=yes");
        long generation = DefenseClient.queryLong("SELECT wipe_generation FROM vault_state WHERE id = 1");
        String previousGeneration = tokenOfGeneration(generation - 1);
        int status = awaitStatus(second, previousGeneration, 401);
        assertThat(status).as("second instance loaded wipe generation %d", generation).isEqualTo(401);
    }

    @AfterAll
    static void cleanUp() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void wipeTaskRejectsEarlierToken() {
        String before = unlock(first);
        assertThat(createThread(first, before).status()).isEqualTo(201);

        first.task("wipe?confirm=yes");
        Result rejected = createThread(first, before);
        Result read = first.api().get("/api/threads/" + UUID.randomUUID(), before);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(read.status()).isEqualTo(401);
        assertThat(DefenseClient.rows("threads")).isZero();
    }

    @Test
    void tokenIssuedAfterWipeKeepsWorking() throws Exception {
        String after = unlock(first);

        assertThat(createThread(first, after).status()).isEqualTo(201);
        Thread.sleep(CATCH_UP.toMillis());

        assertThat(createThread(first, after).status()).isEqualTo(201);
        assertThat(createThread(second, after).status()).isEqualTo(201);
    }

    @Test
    void policyWipeRejectsTokenOnBothInstances() throws Exception {
        String before = unlock(first);
        assertThat(createThread(second, before).status()).isEqualTo(201);

        second.wrongUnlock(null);
        second.wrongUnlock(null);

        assertThat(DefenseClient.rows("threads")).isZero();
        assertThat(createThread(second, before).status()).isEqualTo(401);
        assertThat(awaitStatus(first, before, 401)).isEqualTo(401);
        assertThat(createThread(first, unlock(first)).status()).isEqualTo(201);
    }

    @Test
    void wipeClosesSocketsWith4001OnBothInstances() {
        String before = unlock(first);
        String threadId = createThread(first, before).json().get("id").asText();
        try (LiveClient onFirst = LiveClient.connect(first.api().baseUrl(), before);
                LiveClient onSecond = LiveClient.connect(second.api().baseUrl(), before)) {
            onFirst.subscribe(threadId);
            onSecond.subscribe(threadId);

            long started = System.nanoTime();
            first.task("wipe?confirm=yes");
            int firstCode = onFirst.awaitCloseCode();
            Duration firstDelay = Duration.ofNanos(System.nanoTime() - started);
            int secondCode = onSecond.awaitCloseCode();

            assertThat(firstCode).isEqualTo(4001);
            assertThat(firstDelay).isLessThan(DefenseRefresh.INTERVAL);
            assertThat(secondCode).isEqualTo(4001);
        }
    }

    @Test
    void earlierTokenOpensNoSocketAfterWipe() {
        String before = unlock(first);
        first.task("wipe?confirm=yes");

        try (LiveClient socket = LiveClient.connect(first.api().baseUrl(), before)) {
            assertThat(socket.awaitCloseCode()).isEqualTo(4001);
        }
    }

    @Test
    void instanceStartedAfterWipeRejectsEarlierToken() throws Exception {
        String before = unlock(first);
        first.task("wipe?confirm=yes");
        DropwizardTestSupport<HushConfiguration> restarted = TestApp.support();
        restarted.before();
        try {
            DefenseClient client = new DefenseClient(restarted.getLocalPort(), restarted.getAdminPort());

            Result rejected = createThread(client, before);
            Result fresh = createThread(client, unlock(client));

            assertThat(rejected.status()).isEqualTo(401);
            assertThat(fresh.status()).isEqualTo(201);
        } finally {
            restarted.after();
        }
    }

    private static String unlock(DefenseClient client) {
        Result unlocked = client.rightUnlock(null);
        assertThat(unlocked.status()).isEqualTo(200);
        return unlocked.json().get("token").asText();
    }

    /** Signs a token as the service does, but in the given wipe generation. */
    private static String tokenOfGeneration(long generation) {
        JwtSettings settings = new JwtSettings(new Secret(TestApp.JWT_SECRET), "HS256", 60);
        return new TokenService(settings, Clock.systemUTC(), () -> generation).issue().value();
    }

    private static Result createThread(DefenseClient client, String token) {
        return client.api().post("/api/threads",
                Map.of("id", UUID.randomUUID().toString(), "ciphertext", "aGVhZGVy", "iv", IV), token);
    }

    /** Polls a thread read with {@code token} until it gets {@code status}, for up to CATCH_UP. */
    private static int awaitStatus(DefenseClient client, String token, int status) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        int last = readThread(client, token);
        while (last != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = readThread(client, token);
        }
        return last;
    }

    /** Returns the status of reading a missing thread: 404 with a valid token, 401 without. */
    private static int readThread(DefenseClient client, String token) {
        return client.api().get("/api/threads/" + UUID.randomUUID(), token).status();
    }
}
