package dev.hush.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.ProcessExit;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs HUSH as a child process, as an operator would, to check the real exit status after a
 * wipe, the database it leaves, and that its whole output contains no secret.
 */
class ShutdownIT {
    private static final String AUTH_HASH = "aMarProiDacMD8ASul8bYQeotaJKSntzVJhNbnqiE3s=";
    private static final String THREAD_CIPHERTEXT = "dGhyZWFkLWNpcGhlcnRleHQtbWFya2VyLTAx";
    private static final String MESSAGE_CIPHERTEXT = "bWVzc2FnZS1jaXBoZXJ0ZXh0LW1hcmtlci0wMg==";

    @TempDir
    Path directory;

    private Process child;
    private Path output;
    private DefenseClient client;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.get().truncateAll();
    }

    @AfterEach
    void stopChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        TestDatabase.get().truncateAll();
    }

    @Test
    void thresholdWipeExitsNonZeroAndLogsNoSecret() throws Exception {
        start(Map.of("failureMode: ip_temp", "failureMode: db_wipe_shutdown",
                "maxAuthFailures: 5", "maxAuthFailures: 2"));
        String token = client.rightUnlock(null).json().get("token").asText();
        String threadId = storeThreadAndMessage(token);
        exerciseErrorPaths(token, threadId);

        Result first = client.wrongUnlock(null);
        Result second = client.wrongUnlock(null);

        assertThat(first.json().get("remaining_attempts").asInt()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(401);
        assertExitedAfterWipe();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(log).contains("Unlock failed: ip=127.0.0.1 failures=1 remaining_attempts=1");
        assertThat(log).contains("Vault wiped: reason=failed unlocks from ip=127.0.0.1");
        assertThat(log).contains("messages=1 threads=1");
        assertThat(log).contains("Stopping the process after the vault wipe");
        assertThat(log).contains("127.0.0.1 127.0.0.1 ");
        assertThat(log).contains("POST /api/auth HTTP/1.1");
        assertNoSecrets(log, token);
    }

    @Test
    void panicTaskExitsNonZero() throws Exception {
        start(Map.of());
        String token = client.rightUnlock(null).json().get("token").asText();
        storeThreadAndMessage(token);

        Result panic = client.task("panic");

        assertThat(panic.text()).contains("messages=1 threads=1");
        assertExitedAfterWipe();
        assertNoSecrets(Files.readString(output, StandardCharsets.UTF_8), token);
    }

    @Test
    void tokenFromBeforeWipeFailsAfterRestart() throws Exception {
        Map<String, String> wipeAtFirstFailure = Map.of("failureMode: ip_temp", "failureMode: db_wipe_shutdown",
                "maxAuthFailures: 5", "maxAuthFailures: 1");
        start(wipeAtFirstFailure);
        String before = client.rightUnlock(null).json().get("token").asText();
        client.wrongUnlock(null);
        assertExitedAfterWipe();

        start(wipeAtFirstFailure);
        Result rejected = client.api().post("/api/threads",
                Map.of("id", UUID.randomUUID().toString(), "ciphertext", THREAD_CIPHERTEXT, "iv", "AAECAwQFBgcICQoL"),
                before);
        String after = client.rightUnlock(null).json().get("token").asText();

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.json().get("error").asText()).isEqualTo("unauthorized");
        storeThreadAndMessage(after);
    }

    private void start(Map<String, String> replacements) throws Exception {
        int port = freePort();
        int adminPort = freePort();
        String config = Files.readString(Path.of(ResourceHelpers.resourceFilePath("test-config.yml")));
        config = config.replaceFirst("port: 0", "port: " + port).replaceFirst("port: 0", "port: " + adminPort);
        config = config.replaceFirst("databaseUrl: .*", "databaseUrl: \"" + TestDatabase.get().jdbcUrl() + "\"");
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(config).contains(replacement.getKey());
            config = config.replace(replacement.getKey(), replacement.getValue());
        }
        Path configFile = directory.resolve("config.yml");
        Files.writeString(configFile, config);
        output = directory.resolve("output.log");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.hush.HushApplication", "server", configFile.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        client = new DefenseClient(port, adminPort);
        awaitHealthy(new ApiClient("http://127.0.0.1:" + port));
    }

    private void awaitHealthy(ApiClient api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("child process is running; output:%n%s", tail()).isTrue();
            try {
                if (api.get("/health", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The child process did not become healthy; output:\n" + tail());
    }

    private void assertExitedAfterWipe() throws Exception {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited; output:%n%s", tail()).isTrue();
        assertThat(child.exitValue()).isEqualTo(ProcessExit.AFTER_WIPE);
        for (String table : List.of("messages", "threads", "blocked_ips", "auth_failures")) {
            assertThat(DefenseClient.rows(table)).as(table).isZero();
        }
    }

    private String storeThreadAndMessage(String token) {
        String threadId = UUID.randomUUID().toString();
        Result thread = client.api().post("/api/threads",
                Map.of("id", threadId, "ciphertext", THREAD_CIPHERTEXT, "iv", "AAECAwQFBgcICQoL"), token);
        Result message = client.api().post("/api/messages",
                Map.of("thread_id", threadId, "ciphertext", MESSAGE_CIPHERTEXT, "iv", "AAECAwQFBgcICQoL"), token);
        assertThat(thread.status()).isEqualTo(201);
        assertThat(message.status()).isEqualTo(201);
        return threadId;
    }

    /** Sends requests whose error paths could echo a secret: query tokens, bad JSON, bad tokens. */
    private void exerciseErrorPaths(String token, String threadId) {
        ApiClient api = client.api();
        assertThat(api.get("/api/messages/" + threadId + "?limit=5&token=" + token, null).status()).isEqualTo(401);
        assertThat(api.get("/api/messages/" + threadId + "?access_token=" + token, null).status()).isEqualTo(401);
        assertThat(api.get("/api/threads/" + threadId, token + "x").status()).isEqualTo(401);
        assertThat(api.postRaw("/api/auth", "{\"words\": \"" + TestApp.WORDS + "\"", "application/json", null)
                .status()).isEqualTo(400);
        assertThat(api.postRaw("/api/auth", "{\"words\": " + TestApp.WORDS + "}", "application/json", null)
                .status()).isEqualTo(400);
        assertThat(api.postRaw("/api/threads", "{\"id\": \"" + threadId + "\", \"ciphertext\": "
                + THREAD_CIPHERTEXT + "}", "application/json", token).status()).isEqualTo(400);
        assertThat(api.get("/api/messages/" + threadId, token).text()).contains(MESSAGE_CIPHERTEXT);
    }

    private static void assertNoSecrets(String log, String token) {
        assertThat(log).doesNotContain(TestApp.WORDS);
        assertThat(log).doesNotContain(DefenseClient.WRONG_WORDS);
        assertThat(log).doesNotContain("abandon ability");
        assertThat(log).doesNotContain(token);
        assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        assertThat(log).doesNotContain(AUTH_HASH);
        assertThat(log).doesNotContain(TestApp.JWT_SECRET);
        assertThat(log).doesNotContain(THREAD_CIPHERTEXT);
        assertThat(log).doesNotContain(MESSAGE_CIPHERTEXT);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
