package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.HushApplication;
import dev.hush.config.HushConfiguration;
import dev.hush.core.ProcessExit;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wipes that stop the process, in-process with the exit recorded instead of performed. Each test
 * starts its own server, because a server that has begun to stop refuses every request.
 */
class PanicIT {
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private DropwizardTestSupport<HushConfiguration> app;
    private DefenseClient client;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.get().truncateAll();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
        TestDatabase.get().truncateAll();
    }

    private void start(ConfigOverride... overrides) throws Exception {
        ProcessExit recorder = exits::add;
        app = TestApp.support(() -> new HushApplication(Clock.systemUTC(), recorder), overrides);
        app.before();
        client = new DefenseClient(app.getLocalPort(), app.getAdminPort());
    }

    @Test
    void thresholdWipesThenStops() throws Exception {
        start(ConfigOverride.config("defense.failureMode", "db_wipe_shutdown"),
                ConfigOverride.config("defense.maxAuthFailures", "2"));
        storeThread();

        Result first = client.wrongUnlock(null);
        assertThat(exits).isEmpty();
        Result second = client.wrongUnlock(null);

        assertThat(first.json().get("remaining_attempts").asInt()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(401);
        assertThat(exits).containsExactly(ProcessExit.AFTER_WIPE);
        assertThat(DefenseClient.rows("threads")).isZero();
        assertThat(client.get("/api/auth/salt", null).status()).isEqualTo(503);
        assertThat(client.counter("hush.wipes")).isEqualTo(1);
    }

    @Test
    void panicModeStopsOnFirstFailure() throws Exception {
        start(ConfigOverride.config("defense.panicMode", "true"));
        storeThread();

        Result wrong = client.wrongUnlock(null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(exits).containsExactly(ProcessExit.AFTER_WIPE);
        assertThat(DefenseClient.rows("threads")).isZero();
        assertThat(DefenseClient.rows("auth_failures")).isZero();
    }

    @Test
    void panicModeSwitchedOnByTaskOverridesConfig() throws Exception {
        start();
        assertThat(client.task("panic-mode?enabled=true").text()).contains("enabled=true");
        storeThread();

        client.wrongUnlock(null);

        assertThat(exits).containsExactly(ProcessExit.AFTER_WIPE);
        assertThat(DefenseClient.rows("threads")).isZero();
    }

    @Test
    void panicModeStoredSwitchSurvivesRestart() throws Exception {
        start(ConfigOverride.config("defense.panicMode", "true"));
        client.task("panic-mode?enabled=false");
        app.after();
        start(ConfigOverride.config("defense.panicMode", "true"));

        Result state = client.task("panic-mode");
        Result wrong = client.wrongUnlock(null);

        assertThat(state.text()).contains("enabled=false (set by an operator; PANIC_MODE=true)");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(exits).isEmpty();
    }

    @Test
    void panicTaskWipesThenStops() throws Exception {
        start();
        storeThread();

        Result panic = client.task("panic");

        assertThat(panic.text()).contains("messages=0 threads=1").contains("Stopping the process");
        assertThat(exits).containsExactly(ProcessExit.AFTER_WIPE);
        assertThat(DefenseClient.rows("threads")).isZero();
    }

    @Test
    void correctUnlockInPanicModeStillWorks() throws Exception {
        start(ConfigOverride.config("defense.panicMode", "true"));

        assertThat(client.rightUnlock(null).status()).isEqualTo(200);
        assertThat(exits).isEmpty();
    }

    private void storeThread() {
        String token = client.rightUnlock(null).json().get("token").asText();
        Result thread = client.api().post("/api/threads", Map.of("id", UUID.randomUUID().toString(),
                "ciphertext", "c2VjcmV0", "iv", "AAECAwQFBgcICQoL"), token);
        assertThat(thread.status()).isEqualTo(201);
    }
}
