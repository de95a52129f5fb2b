package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.core.MessageService;
import dev.hush.live.LiveConnection.Rejection;
import dev.hush.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class ClientFrameHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock();
    private final LiveLimits limits = LiveLimits.forCiphertext(65_536);
    private final AtomicLong wipeGeneration = new AtomicLong();
    private final LiveHub hub = new LiveHub(limits, new MetricRegistry(), wipeGeneration::get, clock);
    /** A port with no database server, so every store fails to connect. */
    private final MessageService unreachable = new MessageService(
            Jdbi.create("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1"));
    private final ClientFrameHandler handler = new ClientFrameHandler(hub, unreachable, limits, 65_536,
            ip -> Optional.empty(), ip -> true);

    private final FakeSession session = new FakeSession();

    private LiveConnection open(Instant tokenExpiresAt) {
        LiveConnection connection = new LiveConnection(hub, handler, limits, "192.0.2.7", tokenExpiresAt,
                wipeGeneration.get(), Rejection.NONE);
        connection.onWebSocketOpen(session);
        return connection;
    }

    private static String message(String ciphertext, String clientId) {
        return "{\"type\":\"message\",\"thread_id\":\"" + UUID.randomUUID() + "\",\"ciphertext\":\""
                + ciphertext + "\",\"iv\":\"AAECAwQFBgcICQoL\",\"client_id\":\"" + clientId + "\"}";
    }

    @Test
    void frameAfterTokenExpiryClosesWith4001() {
        LiveConnection connection = open(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));

        connection.onWebSocketText("{\"type\":\"ping\"}");

        assertThat(session.closeCode).isEqualTo(4001);
        assertThat(session.sent).isEmpty();
    }

    @Test
    void frameAfterWipeClosesWith4001() {
        LiveConnection connection = open(clock.instant().plusSeconds(3600));
        wipeGeneration.incrementAndGet();

        connection.onWebSocketText("{\"type\":\"ping\"}");

        assertThat(session.closeCode).isEqualTo(4001);
        assertThat(session.sent).isEmpty();
    }

    @Test
    void errorFrameCarriesTheFailedMessagesClientId() throws Exception {
        LiveConnection connection = open(clock.instant().plusSeconds(3600));

        connection.onWebSocketText(message("not base64!", "send-17"));

        JsonNode error = JSON.readTree(session.sent.get(0));
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("client_id").asText()).isEqualTo("send-17");
    }

    @Test
    void databaseOutageGivesAPlainErrorFrame() throws Exception {
        LiveConnection connection = open(clock.instant().plusSeconds(3600));

        connection.onWebSocketText(message("aGVsbG8=", "send-18"));

        JsonNode error = JSON.readTree(session.sent.get(0));
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("message").asText()).isEqualTo("the database is unavailable; try again later");
        assertThat(error.get("client_id").asText()).isEqualTo("send-18");
    }
}
