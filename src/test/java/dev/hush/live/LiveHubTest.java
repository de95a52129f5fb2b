package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.hush.db.MessageRow;
import dev.hush.live.LiveConnection.Rejection;
import dev.hush.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveHubTest {
    private final MutableClock clock = new MutableClock();
    private final Instant start = clock.instant();
    private final LiveLimits limits = LiveLimits.forCiphertext(65_536);
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicLong wipeGeneration = new AtomicLong(3);
    private final LiveHub hub = new LiveHub(limits, metrics, wipeGeneration::get, clock);
    private final UUID threadId = UUID.randomUUID();

    private LiveConnection open(FakeSession session, Instant tokenExpiresAt) {
        return open(session, tokenExpiresAt, wipeGeneration.get());
    }

    private LiveConnection open(FakeSession session, Instant tokenExpiresAt, long tokenGeneration) {
        LiveConnection connection = new LiveConnection(hub, null, limits, "192.0.2.1", tokenExpiresAt,
                tokenGeneration, Rejection.NONE);
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
    void wipeClosesOlderSessionsWith4001() {
        FakeSession older = new FakeSession();
        FakeSession newer = new FakeSession();
        hub.subscribe(open(older, start.plusSeconds(3600), 3), threadId);
        open(newer, start.plusSeconds(3600), 4);

        hub.closeSessionsBefore(4);

        assertThat(older.closeCode).isEqualTo(4001);
        assertThat(newer.closeCode).isZero();
        assertThat(hub.openSockets()).isEqualTo(1);
        assertThat(hub.subscriptions()).isZero();
    }

    @Test
    void socketVerifiedBeforeWipeIsClosedWhenRegistered() {
        FakeSession session = new FakeSession();
        wipeGeneration.set(4);

        open(session, start.plusSeconds(3600), 3);

        assertThat(session.closeCode).isEqualTo(4001);
        assertThat(hub.openSockets()).isZero();
    }

    @Test
    void tickClosesSocketOfWipedSession() {
        FakeSession session = new FakeSession();
        open(session, start.plusSeconds(3600), 3);
        wipeGeneration.set(4);

        hub.tick();

        assertThat(session.closeCode).isEqualTo(4001);
        assertThat(session.sent).isEmpty();
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
