import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for bench/ws-bench.sh: keeps open many idle authenticated sockets and reports the
 * server's memory per socket, then measures fan-out latency from send to receipt at a number
 * of subscribers. Run with the JDK's single-file launcher; it needs no libraries.
 *
 * <p>Arguments: BASE_URL ADMIN_URL SERVER_PID IDLE_SOCKETS SUBSCRIBERS MESSAGES SEND_INTERVAL_MS WORDS
 */
public final class WsBench {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    private static final int CONNECT_CONCURRENCY = 100;
    private static final int WARMUP_MESSAGES = 50;
    /** Marks warm-up messages, whose latency is not recorded. */
    private static final long WARMUP_MARK = -1;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;
    private final String adminUrl;
    private final long serverPid;
    private long sendIntervalMillis;

    private WsBench(String baseUrl, String adminUrl, long serverPid) {
        this.baseUrl = baseUrl;
        this.adminUrl = adminUrl;
        this.serverPid = serverPid;
    }

    public static void main(String[] args) throws Exception {
        WsBench bench = new WsBench(args[0], args[1], Long.parseLong(args[2]));
        int idle = Integer.parseInt(args[3]);
        int subscribers = Integer.parseInt(args[4]);
        int messages = Integer.parseInt(args[5]);
        bench.sendIntervalMillis = Long.parseLong(args[6]);
        bench.run(idle, subscribers, messages, args[7]);
    }

    private void run(int idleCount, int subscriberCount, int messageCount, String words)
            throws Exception {
        String unlocked = post(baseUrl + "/api/auth", "{\"words\":\"" + words + "\"}", null);
        String token = field(unlocked, "token");
        String threadId = UUID.randomUUID().toString();
        post(baseUrl + "/api/threads", "{\"id\":\"" + threadId + "\",\"ciphertext\":\"aGVhZGVy\","
                + "\"iv\":\"AAECAwQFBgcICQoL\"}", token);

        long heapBefore = heapAfterGc();
        long rssBefore = rssBytes();
        long started = System.nanoTime();
        List<WebSocket> idle = openSockets(idleCount, token, () -> new Ignoring());
        double connectSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(2000);
        long heapAfter = heapAfterGc();
        long rssAfter = rssBytes();
        long openOnServer = gauge("live.sockets.open");

        Latencies latencies = measureFanOut(token, threadId, subscriberCount, messageCount);

        row("idle sockets requested", idleCount);
        row("idle sockets open (client)", idle.size());
        row("live.sockets.open (server)", openOnServer);
        row("connect time for all idle sockets", String.format("%.1f s", connectSeconds));
        row("server heap used before / after (after GC)", mib(heapBefore) + " / " + mib(heapAfter));
        row("server heap per idle socket", kib((heapAfter - heapBefore) / Math.max(1, idle.size())));
        row("server RSS before / after", mib(rssBefore) + " / " + mib(rssAfter));
        row("server RSS per idle socket", kib((rssAfter - rssBefore) / Math.max(1, idle.size())));
        row("fan-out subscribers x messages", subscriberCount + " x " + messageCount);
        row("send interval", sendIntervalMillis + " ms");
        long expected = (long) subscriberCount * messageCount;
        row("deliveries received / expected", latencies.count() + " / " + expected);
        row("fan-out latency p50", millis(latencies.percentile(50)));
        row("fan-out latency p90", millis(latencies.percentile(90)));
        row("fan-out latency p99", millis(latencies.percentile(99)));
        row("fan-out latency max", millis(latencies.percentile(100)));
        for (WebSocket socket : idle) {
            socket.abort();
        }
        System.exit(0);
    }

    private Latencies measureFanOut(String token, String threadId, int subscriberCount,
            int messageCount) throws Exception {
        Latencies latencies = new Latencies(subscriberCount * messageCount);
        CountDownLatch subscribed = new CountDownLatch(subscriberCount);
        List<WebSocket> subscribers = openSockets(subscriberCount, token,
                () -> new Timing(latencies, subscribed));
        for (WebSocket socket : subscribers) {
            socket.sendText("{\"type\":\"subscribe\",\"thread_id\":\"" + threadId + "\"}", true).join();
        }
        await(subscribed, "subscriptions");

        WebSocket sender = openSockets(1, token, () -> new Ignoring()).get(0);
        for (int i = 0; i < WARMUP_MESSAGES + messageCount; i++) {
            long sentAt = i < WARMUP_MESSAGES ? WARMUP_MARK : System.nanoTime();
            String ciphertext = Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(8).putLong(sentAt).array());
            sender.sendText("{\"type\":\"message\",\"thread_id\":\"" + threadId + "\",\"ciphertext\":\""
                    + ciphertext + "\",\"iv\":\"AAECAwQFBgcICQoL\"}", true).join();
            Thread.sleep(sendIntervalMillis);
        }
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        long expected = (long) subscriberCount * messageCount;
        while (latencies.count() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return latencies;
    }

    private List<WebSocket> openSockets(int count, String token,
            Supplier<WebSocket.Listener> listeners) throws InterruptedException {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws?token=" + token);
        Semaphore inFlight = new Semaphore(CONNECT_CONCURRENCY);
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            CompletableFuture<WebSocket> socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, listeners.get())
                    .whenComplete((opened, error) -> {
                        inFlight.release();
                        if (error != null && failures.incrementAndGet() <= 3) {
                            System.err.println("socket failed to open: " + error);
                        }
                    });
            pending.add(socket);
        }
        List<WebSocket> open = new ArrayList<>();
        for (CompletableFuture<WebSocket> socket : pending) {
            try {
                open.add(socket.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
                // Counted and printed in whenComplete.
            }
        }
        return open;
    }

    private long heapAfterGc() throws Exception {
        for (int i = 0; i < 2; i++) {
            post(adminUrl + "/tasks/gc", "", null);
            Thread.sleep(500);
        }
        return gauge("jvm.memory.heap.used");
    }

    private long gauge(String name) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String gaugePattern = "\"" + Pattern.quote(name) + "\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*(\\d+)";
        Matcher value = Pattern.compile(gaugePattern).matcher(metrics);
        if (!value.find()) {
            throw new IllegalStateException(
                    "gauge " + name + " is missing from " + adminUrl + "/metrics");
        }
        return Long.parseLong(value.group(1));
    }

    private long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + serverPid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("VmRSS is missing for pid " + serverPid);
    }

    private String post(String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " returned " + response.statusCode());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("field " + name + " is missing");
        }
        return value.group(1);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                    "timed out waiting for " + what + ", " + latch.getCount() + " left");
        }
    }

    private static void row(String name, Object value) {
        System.out.printf("| %-44s | %20s |%n", name, value);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static String kib(long bytes) {
        return String.format("%.1f KiB", bytes / 1024.0);
    }

    private static String millis(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    /** Send-to-receipt times in nanoseconds, written by the sockets' listener threads. */
    private static final class Latencies {
        private final long[] samples;
        private final AtomicInteger next = new AtomicInteger();

        Latencies(int capacity) {
            samples = new long[capacity];
        }

        void add(long nanos) {
            int index = next.getAndIncrement();
            if (index < samples.length) {
                samples[index] = nanos;
            }
        }

        long count() {
            return Math.min(next.get(), samples.length);
        }

        long percentile(int percent) {
            long[] sorted = Arrays.copyOf(samples, (int) count());
            if (sorted.length == 0) {
                return 0;
            }
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }
    }

    /** Reads and drops every frame, as an idle browser tab's socket would. */
    private static class Ignoring implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }
    }

    /** Records the latency of every message frame from the send time carried in its ciphertext. */
    private static final class Timing extends Ignoring {
        private static final Pattern CIPHERTEXT = Pattern.compile("\"ciphertext\":\"([^\"]+)\"");
        private final Latencies latencies;
        private final CountDownLatch subscribed;
        private final StringBuilder partial = new StringBuilder();

        Timing(Latencies latencies, CountDownLatch subscribed) {
            this.latencies = latencies;
            this.subscribed = subscribed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"type\":\"subscribed\"")) {
                    subscribed.countDown();
                } else if (frame.contains("\"type\":\"message\"")) {
                    Matcher ciphertext = CIPHERTEXT.matcher(frame);
                    if (ciphertext.find()) {
                        byte[] sentBytes = Base64.getDecoder().decode(ciphertext.group(1));
                        long sent = ByteBuffer.wrap(sentBytes).getLong();
                        if (sent != WARMUP_MARK) {
                            latencies.add(now - sent);
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
