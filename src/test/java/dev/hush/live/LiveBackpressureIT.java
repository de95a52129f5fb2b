package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A subscriber that stops reading must be dropped at its outbound bound while a normal
 * subscriber still gets every message in order, and the server's memory stays bounded.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LiveBackpressureIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    private static final int MESSAGES = 2000;
    private static final int POSTERS = 4;
    private static final int CIPHERTEXT_BYTES = 6 * 1024;
    private static final String IV = "AAECAwQFBgcICQoL";

    @Test
    void stalledSubscriberIsDroppedWhileReaderGetsEverything() throws Exception {
        TestDatabase.get().truncateAll();
        ApiClient client = TestApp.client(APP);
        String token = client.unlock();
        String threadId = UUID.randomUUID().toString();
        client.post("/api/threads",
                Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", IV), token);
        MetricRegistry metrics = APP.getEnvironment().metrics();
        long heapBefore = usedHeapAfterGc();

        try (Socket stalled = openStalledSubscriber(token, threadId);
                LiveClient reader = LiveClient.connect(client.baseUrl(), token)) {
            reader.subscribe(threadId);
            AtomicLong maxQueuedBytes = new AtomicLong();
            Thread sampler = sampleQueuedBytes(metrics, maxQueuedBytes);

            Set<String> postedIds = postMessages(client, token, threadId);
            List<JsonNode> received = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                received.add(reader.next("message"));
            }
            sampler.interrupt();

            assertThat(received).extracting(frame -> frame.get("id").asText())
                    .containsExactlyInAnyOrderElementsOf(postedIds);
            for (int i = 1; i < received.size(); i++) {
                assertThat(received.get(i).get("created_at").asText())
                        .isGreaterThan(received.get(i - 1).get("created_at").asText());
            }
            assertThat(metrics.counter("live.slow-consumers.dropped").getCount()).isEqualTo(1);
            assertThat(gauge(metrics, "live.sockets.open")).isEqualTo(1);
            int maxCiphertext = APP.getConfiguration().http().maxCiphertextBytes();
            LiveLimits limits = LiveLimits.forCiphertext(maxCiphertext);
            assertThat(maxQueuedBytes.get()).isLessThanOrEqualTo(limits.outboundQueueBytes() * 2);
            assertThat(drainsToEndOfStream(stalled)).isTrue();
        }
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(64L * 1024 * 1024);
    }

    /** Connects with a hand-made upgrade request, subscribes, and from then on reads nothing. */
    private Socket openStalledSubscriber(String token, String threadId) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", APP.getLocalPort()), 5000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        String upgrade = "GET /ws?token=" + token + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + APP.getLocalPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        out.write(upgrade.getBytes(StandardCharsets.US_ASCII));
        out.write(maskedTextFrame("{\"type\":\"subscribe\",\"thread_id\":\"" + threadId + "\"}"));
        out.flush();

        String response = readUntil(socket.getInputStream(), "\"subscribed\"");
        assertThat(response).startsWith("HTTP/1.1 101");
        return socket;
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains(marker)) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Stream ended before " + marker + ": " + seen);
            }
            seen.append((char) next);
        }
        return seen.toString();
    }

    private static Set<String> postMessages(ApiClient client, String token, String threadId)
            throws Exception {
        String ciphertext = Base64.getEncoder().encodeToString(new byte[CIPHERTEXT_BYTES]);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < POSTERS; p++) {
                done.add(posters.submit(() -> {
                    for (int i = 0; i < MESSAGES / POSTERS; i++) {
                        Map<String, String> body =
                                Map.of("thread_id", threadId, "ciphertext", ciphertext, "iv", IV);
                        Result posted = client.post("/api/messages", body, token);
                        assertThat(posted.status()).isEqualTo(201);
                        ids.add(posted.json().get("id").asText());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            posters.shutdownNow();
        }
        return ids;
    }

    private static Thread sampleQueuedBytes(MetricRegistry metrics, AtomicLong max) {
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(gauge(metrics, "live.outbound.queued-bytes"), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    /** Reads what the kernel buffered until the server's disconnect shows as end of stream. */
    private static boolean drainsToEndOfStream(Socket socket) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    private static long gauge(MetricRegistry metrics, String name) {
        Gauge<?> gauge = metrics.getGauges().get(name);
        return ((Number) gauge.getValue()).longValue();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
