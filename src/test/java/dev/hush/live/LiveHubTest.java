package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.hush.db.MessageRow;
import dev.hush.live.LiveConnection.Rejection;
import dev.hush.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveHubTest {
    private final MutableClock clock = new MutableClock();
    private final Instant start = clock.instant();
    private final LiveLimits limits = LiveLimits.forCiphertext(65_536);
    private final MetricRegistry metrics = new MetricRegistry();
    private final LiveHub hub = new LiveHub(limits, metrics, clock);
    private final UUID threadId = UUID.randomUUID();

    private LiveConnection open(FakeSession session, Instant tokenExpiresAt) {
        LiveConnection connection = new LiveConnection(hub, null, limits, "192.0.2.1", tokenExpiresAt,
                Rejection.NONE);
        connection.onWebSocketOpen(session);
        return connection;
    }

    private MessageRow row(Instant createdAt) {
        return new MessageRow(UUID.randomUUID(), threadId, new byte[] {1}, new byte[] {2}, createdAt);
    }

    @Test
    void tickSendsHeartbeatToOpenSockets() {
        FakeSession session = new FakeSession();
        open(session, start.plusSeconds(3600));

        hub.tick();

        assertThat(session.sent).containsExactly("{\"type\":\"heartbeat\"}");
    }

    @Test
    void tickClosesSocketWhoseTokenExpiredWith4001() {
        FakeSession session = new FakeSession();
        LiveConnection connection = open(session, start.plusSeconds(60));
        hub.subscribe(connection, threadId);
        clock.advance(Duration.ofSeconds(61));

        hub.tick();

        assertThat(session.closeCode).isEqualTo(4001);
        assertThat(hub.openSockets()).isZero();
        assertThat(hub.subscriptions()).isZero();
    }

    @Test
    void stalledSocketIsDisconnectedAtTheFrameBound() {
        FakeSession stalled = new FakeSession();
        FakeSession reading = new FakeSession();
        hub.subscribe(open(stalled, start.plusSeconds(3600)), threadId);
        hub.subscribe(open(reading, start.plusSeconds(3600)), threadId);

        for (int i = 0; i <= limits.outboundQueueFrames(); i++) {
            hub.deliver(row(start.plusMillis(i + 1)));
            reading.completeSends();
        }

        assertThat(stalled.disconnected).isTrue();
        assertThat(stalled.sent).hasSize(limits.outboundQueueFrames());
        assertThat(reading.sent).hasSize(limits.outboundQueueFrames() + 1);
        assertThat(metrics.counter("live.slow-consumers.dropped").getCount()).isEqualTo(1);
        assertThat(hub.openSockets()).isEqualTo(1);
        assertThat(metrics.getGauges().get("live.outbound.queued-bytes").getValue()).isEqualTo(0L);
    }

    @Test
    void deliverSkipsMessagesACatchUpAlreadySent() {
        FakeSession session = new FakeSession();
        hub.subscribe(open(session, start.plusSeconds(3600)), threadId);
        MessageRow first = row(start.plusMillis(1));
        MessageRow second = row(start.plusMillis(2));

        hub.deliver(first);
        hub.deliver(second);
        hub.deliver(first);
        hub.deliver(second);

        assertThat(session.sent).hasSize(2);
    }

    @Test
    void catchUpCursorIsTheNewestDeliveredMessage() {
        FakeSession session = new FakeSession();
        hub.subscribe(open(session, start.plusSeconds(3600)), threadId);
        UUID quietThread = UUID.randomUUID();
        hub.subscribe(open(new FakeSession(), start.plusSeconds(3600)), quietThread);
        hub.deliver(row(start.plusMillis(5)));

        var cursors = hub.catchUpCursors(start.minusSeconds(10));

        assertThat(cursors.get(threadId)).isEqualTo(start.plusMillis(5));
        assertThat(cursors.get(quietThread)).isEqualTo(start.minusSeconds(10));
    }

    @Test
    void echoGoesToSenderOnlyWithClientId() {
        FakeSession sender = new FakeSession();
        FakeSession other = new FakeSession();
        LiveConnection senderConnection = open(sender, start.plusSeconds(3600));
        hub.subscribe(senderConnection, threadId);
        hub.subscribe(open(other, start.plusSeconds(3600)), threadId);
        MessageRow message = row(start.plusMillis(1));

        hub.expectEcho(message.id(), senderConnection, "draft-1");
        hub.deliver(message);

        assertThat(sender.sent).singleElement().asString().contains("\"client_id\":\"draft-1\"");
        assertThat(other.sent).singleElement().asString().doesNotContain("client_id");
    }
}
