package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.auth.TokenService;
import dev.hush.config.HushConfiguration;
import dev.hush.config.JwtSettings;
import dev.hush.config.Secret;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class LiveChannelIT {
    /** Trusting loopback as a proxy lets a test act as another client IP through X-Forwarded-For. */
    static final DropwizardAppExtension<HushConfiguration> APP =
            TestApp.extension(ConfigOverride.config("defense.trustedProxies", "127.0.0.1/32"));

    private static final String CIPHERTEXT = "c2VjcmV0IG1lc3NhZ2U=";
    private static final String IV = "AAECAwQFBgcICQoL";
    private static final String BLOCKED_IP = "203.0.113.50";

    private ApiClient client;
    private String token;
    private String threadId;

    @BeforeEach
    void setUp() {
        TestDatabase.get().truncateAll();
        client = TestApp.client(APP);
        token = client.unlock();
        threadId = UUID.randomUUID().toString();
        Result created = client.post("/api/threads",
                Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", IV), token);
        assertThat(created.status()).isEqualTo(201);
    }

    private LiveClient connect() {
        return LiveClient.connect(client.baseUrl(), token);
    }

    private Map<String, Object> message(String clientId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "message");
        frame.put("thread_id", threadId);
        frame.put("ciphertext", CIPHERTEXT);
        frame.put("iv", IV);
        if (clientId != null) {
            frame.put("client_id", clientId);
        }
        return frame;
    }

    @Test
    void messageSentOnOneSocketReachesBothSubscribers() {
        try (LiveClient sender = connect(); LiveClient reader = connect()) {
            sender.subscribe(threadId);
            reader.subscribe(threadId);

            sender.send(message(null));
            JsonNode received = reader.next("message");
            JsonNode echoed = sender.next("message");

            assertThat(received.get("thread_id").asText()).isEqualTo(threadId);
            assertThat(received.get("ciphertext").asText()).isEqualTo(CIPHERTEXT);
            assertThat(received.get("iv").asText()).isEqualTo(IV);
            assertThat(received.get("created_at").asText()).endsWith("Z");
            assertThat(echoed.get("id").asText()).isEqualTo(received.get("id").asText());
            Result stored = client.get("/api/messages/" + threadId, token);
            String storedId = stored.json().get(0).get("id").asText();
            assertThat(storedId).isEqualTo(received.get("id").asText());
        }
    }

    @Test
    void clientIdIsEchoedOnSendersCopyOnly() {
        try (LiveClient sender = connect(); LiveClient reader = connect()) {
            sender.subscribe(threadId);
            reader.subscribe(threadId);

            sender.send(message("draft-17"));
            JsonNode echoed = sender.next("message");
            JsonNode received = reader.next("message");

            assertThat(echoed.get("client_id").asText()).isEqualTo("draft-17");
            assertThat(received.has("client_id")).isFalse();
        }
    }

    @Test
    void senderGetsItsCopyWithoutSubscribing() {
        try (LiveClient sender = connect()) {
            sender.send(message("unsubscribed-send"));

            JsonNode echoed = sender.next("message");

            assertThat(echoed.get("client_id").asText()).isEqualTo("unsubscribed-send");
            assertThat(echoed.get("thread_id").asText()).isEqualTo(threadId);
        }
    }

    @Test
    void restPostIsDeliveredLive() {
        try (LiveClient reader = connect()) {
            reader.subscribe(threadId);

            Result posted = client.post("/api/messages",
                    Map.of("thread_id", threadId, "ciphertext", CIPHERTEXT, "iv", IV), token);
            JsonNode received = reader.next("message");

            assertThat(posted.status()).isEqualTo(201);
            assertThat(received.get("id").asText()).isEqualTo(posted.json().get("id").asText());
            assertThat(received.get("created_at").asText())
                    .isEqualTo(posted.json().get("created_at").asText());
        }
    }

    @Test
    void messagesOfOneThreadArriveInCommitOrder() {
        try (LiveClient reader = connect(); LiveClient sender = connect()) {
            reader.subscribe(threadId);
            for (int i = 0; i < 50; i++) {
                sender.send(message("m" + i));
            }

            String previous = "";
            for (int i = 0; i < 50; i++) {
                JsonNode received = reader.next("message");
                assertThat(received.get("created_at").asText()).isGreaterThan(previous);
                previous = received.get("created_at").asText();
            }
        }
    }

    @Test
    void unsubscribedSocketGetsNoMoreMessages() throws Exception {
        try (LiveClient reader = connect()) {
            reader.subscribe(threadId);
            reader.send(Map.of("type", "unsubscribe", "thread_id", threadId));
            assertThat(reader.next("unsubscribed").get("thread_id").asText()).isEqualTo(threadId);

            client.post("/api/messages",
                    Map.of("thread_id", threadId, "ciphertext", CIPHERTEXT, "iv", IV), token);

            reader.send(Map.of("type", "ping"));
            assertThat(reader.next().get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (LiveClient socket = connect()) {
            socket.send(Map.of("type", "ping"));

            assertThat(socket.next("pong").size()).isEqualTo(1);
        }
    }

    @Test
    void missingTokenIsClosedWith4001() {
        try (LiveClient socket = LiveClient.connect(client.baseUrl(), null)) {
            assertThat(socket.awaitCloseCode()).isEqualTo(4001);
        }
    }

    @Test
    void invalidTokenIsClosedWith4001() {
        String forged = token.substring(0, token.length() - 4) + "AAAA";

        try (LiveClient socket = LiveClient.connect(client.baseUrl(), forged)) {
            assertThat(socket.awaitCloseCode()).isEqualTo(4001);
        }
    }

    @Test
    void expiredTokenIsClosedWith4001() {
        JwtSettings settings = new JwtSettings(new Secret(TestApp.JWT_SECRET), "HS256", 1);
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        // The newest possible generation, so only the expiry can reject the token.
        String expired = new TokenService(settings, twoHoursAgo, () -> Long.MAX_VALUE).issue().value();

        try (LiveClient socket = LiveClient.connect(client.baseUrl(), expired)) {
            assertThat(socket.awaitCloseCode()).isEqualTo(4001);
        }
    }

    @Test
    void blockedIpClosedWith4003() {
        DefenseClient defense = DefenseClient.of(APP);
        int maxFailures = APP.getConfiguration().defense().maxAuthFailures();
        for (int i = 0; i < maxFailures; i++) {
            defense.wrongUnlock(BLOCKED_IP);
        }

        try (LiveClient socket = LiveClient.connect(client.baseUrl(), token,
                Map.of("X-Forwarded-For", BLOCKED_IP))) {
            assertThat(socket.awaitCloseCode()).isEqualTo(4003);
        }
    }

    @Test
    void openSocketClosedWhenIpBlocked() {
        String laterBlocked = "203.0.113.51";
        DefenseClient defense = DefenseClient.of(APP);
        try (LiveClient socket = LiveClient.connect(client.baseUrl(), token,
                Map.of("X-Forwarded-For", laterBlocked))) {
            socket.subscribe(threadId);
            int maxFailures = APP.getConfiguration().defense().maxAuthFailures();
            for (int i = 0; i < maxFailures; i++) {
                defense.wrongUnlock(laterBlocked);
            }

            socket.send(Map.of("type", "ping"));

            assertThat(socket.awaitCloseCode()).isEqualTo(4003);
        }
    }

    @Test
    void malformedFramesGetErrorFrames() {
        Map<String, String> badFrames = new LinkedHashMap<>();
        badFrames.put("not JSON", "{\"type\":");
        badFrames.put("JSON array", "[1,2]");
        badFrames.put("missing type", "{\"thread_id\":\"" + threadId + "\"}");
        badFrames.put("type not a string", "{\"type\":7}");
        badFrames.put("unknown type", "{\"type\":\"shout\"}");
        badFrames.put("subscribe without thread", "{\"type\":\"subscribe\"}");
        badFrames.put("subscribe bad uuid",
                "{\"type\":\"subscribe\",\"thread_id\":\"not-a-uuid\"}");
        badFrames.put("unsubscribe bad uuid", "{\"type\":\"unsubscribe\",\"thread_id\":\"1234\"}");
        badFrames.put("message bad base64", ApiClient.toJson(with("ciphertext", "not base64!")));
        badFrames.put("message unpadded base64", ApiClient.toJson(with("ciphertext", "YWJj ZA")));
        badFrames.put("message missing iv", ApiClient.toJson(with("iv", null)));
        badFrames.put("message iv too long", ApiClient.toJson(with("iv", "A".repeat(100))));
        badFrames.put("message numeric ciphertext", ApiClient.toJson(with("ciphertext", 12)));
        badFrames.put("message unknown thread",
                ApiClient.toJson(with("thread_id", UUID.randomUUID().toString())));
        badFrames.put("client_id too long", ApiClient.toJson(with("client_id", "x".repeat(500))));
        badFrames.put("client_id not a string",
                ApiClient.toJson(with("client_id", Map.of("a", 1))));
        badFrames.put("ciphertext over the cap",
                ApiClient.toJson(with("ciphertext", "A".repeat(90_000))));
        badFrames.put("frame over the cap",
                "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(100_000) + "\"}");

        try (LiveClient socket = connect()) {
            for (Map.Entry<String, String> bad : badFrames.entrySet()) {
                socket.sendText(bad.getValue());

                JsonNode answer = socket.next();

                assertThat(answer.get("type").asText()).as(bad.getKey()).isEqualTo("error");
                assertThat(answer.get("message").asText()).as(bad.getKey()).isNotBlank();
            }
            socket.subscribe(threadId);
            socket.send(message("after-errors"));
            assertThat(socket.next("message").get("client_id").asText()).isEqualTo("after-errors");
            assertThat(socket.isClosed()).isFalse();
        }
        assertThat(count("messages")).isEqualTo(1);
    }

    @Test
    void subscriptionPastTheCapGetsAnError() {
        int cap = LiveLimits.forCiphertext(APP.getConfiguration().http().maxCiphertextBytes())
                .maxSubscriptions();

        awaitGauge("live.subscriptions", 0);

        try (LiveClient socket = connect()) {
            for (int i = 0; i < cap; i++) {
                socket.subscribe(UUID.randomUUID().toString());
            }
            socket.send(Map.of("type", "subscribe", "thread_id", threadId));
            JsonNode answer = socket.next();

            assertThat(answer.get("type").asText()).isEqualTo("error");
            assertThat(answer.get("message").asText()).contains(String.valueOf(cap));
            assertThat(gauge("live.subscriptions")).isEqualTo(cap);
        }
    }

    @Test
    void plainGetOfWsIsAJson400() {
        Result result = client.get("/ws", token);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().get("error").asText()).isEqualTo("websocket_required");
    }

    @Test
    void rejectedSocketsLeaveNoSessionBehind() {
        awaitGauge("live.sockets.open", 0);
        for (int i = 0; i < 200; i++) {
            try (LiveClient socket = LiveClient.connect(client.baseUrl(), "bad-token-" + i)) {
                try {
                    socket.send(Map.of("type", "subscribe", "thread_id", threadId));
                } catch (CompletionException e) {
                    // The server may have closed the socket before the frame went out.
                }
                assertThat(socket.awaitCloseCode()).isEqualTo(4001);
            }
        }
        try (LiveClient good = connect()) {
            good.subscribe(threadId);
            assertThat(gauge("live.sockets.open")).isEqualTo(1);
            assertThat(gauge("live.subscriptions")).isEqualTo(1);
        }

        awaitGauge("live.sockets.open", 0);
        awaitGauge("live.subscriptions", 0);
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> frame = new HashMap<>(message(null));
        frame.put(field, value);
        return frame;
    }

    private static long count(String table) {
        try (Connection connection = TestDatabase.get().connect();
                Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT count(*) FROM " + table);
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long gauge(String name) {
        Gauge<?> gauge = APP.getEnvironment().metrics().getGauges().get(name);
        return ((Number) gauge.getValue()).longValue();
    }

    private static void awaitGauge(String name, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gauge(name) != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(gauge(name)).as(name).isEqualTo(expected);
    }
}
