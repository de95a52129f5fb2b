package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two service instances on one database deliver each other's messages. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LiveClusterIT {
    static final DropwizardAppExtension<HushConfiguration> FIRST = TestApp.extension();
    static final DropwizardAppExtension<HushConfiguration> SECOND = TestApp.extension();

    private static final String IV = "AAECAwQFBgcICQoL";

    private ApiClient firstClient;
    private ApiClient secondClient;
    private String token;
    private String threadId;

    @BeforeEach
    void setUp() {
        TestDatabase.get().truncateAll();
        firstClient = TestApp.client(FIRST);
        secondClient = TestApp.client(SECOND);
        token = firstClient.unlock();
        threadId = UUID.randomUUID().toString();
        firstClient.post("/api/threads",
                Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", IV), token);
    }

    private Map<String, Object> messageFrame(String ciphertext, String clientId) {
        return Map.of("type", "message", "thread_id", threadId, "ciphertext", ciphertext, "iv", IV,
                "client_id", clientId);
    }

    @Test
    void restPostReachesOtherInstance() {
        try (LiveClient onSecond = LiveClient.connect(secondClient.baseUrl(), token)) {
            onSecond.subscribe(threadId);

            Result posted = firstClient.post("/api/messages",
                    Map.of("thread_id", threadId, "ciphertext", "b25l", "iv", IV), token);
            JsonNode received = onSecond.next("message");

            assertThat(received.get("id").asText()).isEqualTo(posted.json().get("id").asText());
        }
    }

    @Test
    void socketSendsCrossInstancesBothWays() {
        try (LiveClient onFirst = LiveClient.connect(firstClient.baseUrl(), token);
                LiveClient onSecond = LiveClient.connect(secondClient.baseUrl(), token)) {
            onFirst.subscribe(threadId);
            onSecond.subscribe(threadId);

            onFirst.send(messageFrame("ZnJvbSBmaXJzdA==", "a"));
            JsonNode firstEcho = onFirst.next("message");
            JsonNode firstOnSecond = onSecond.next("message");
            onSecond.send(messageFrame("ZnJvbSBzZWNvbmQ=", "b"));
            JsonNode secondOnFirst = onFirst.next("message");
            JsonNode secondEcho = onSecond.next("message");

            assertThat(firstEcho.get("client_id").asText()).isEqualTo("a");
            assertThat(firstOnSecond.get("id").asText()).isEqualTo(firstEcho.get("id").asText());
            assertThat(firstOnSecond.has("client_id")).isFalse();
            assertThat(secondEcho.get("client_id").asText()).isEqualTo("b");
            assertThat(secondOnFirst.get("ciphertext").asText()).isEqualTo("ZnJvbSBzZWNvbmQ=");
            assertThat(secondOnFirst.has("client_id")).isFalse();
        }
    }

    @Test
    void lostListenerConnectionIsRestoredWithoutLosingMessages() throws Exception {
        try (LiveClient onSecond = LiveClient.connect(secondClient.baseUrl(), token)) {
            onSecond.subscribe(threadId);
            firstClient.post("/api/messages",
                    Map.of("thread_id", threadId, "ciphertext", "MA==", "iv", IV), token);
            assertThat(onSecond.next("message").get("ciphertext").asText()).isEqualTo("MA==");

            assertThat(terminateListeners()).isGreaterThanOrEqualTo(2);
            for (int i = 1; i <= 5; i++) {
                firstClient.post("/api/messages",
                        Map.of("thread_id", threadId, "ciphertext", "MTIz", "iv", IV), token);
            }

            String previous = "";
            for (int i = 1; i <= 5; i++) {
                JsonNode received = onSecond.next("message");
                assertThat(received.get("created_at").asText()).isGreaterThan(previous);
                previous = received.get("created_at").asText();
            }
            JsonNode extra = onSecond.poll(Duration.ofMillis(500));
            assertThat(extra == null || "heartbeat".equals(extra.path("type").asText()))
                    .as("no message after the five, got %s", extra).isTrue();
            long reconnects = SECOND.getEnvironment().metrics()
                    .counter("live.listener.reconnects").getCount();
            assertThat(reconnects).isGreaterThanOrEqualTo(1);
        }
    }

    /** Ends the listener sessions of both instances from the database side, as a failover would. */
    private static int terminateListeners() throws Exception {
        try (Connection connection = TestDatabase.get().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) "
                        + "FROM pg_stat_activity WHERE application_name = 'hush-live-listener' "
                        + "AND datname = current_database()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
