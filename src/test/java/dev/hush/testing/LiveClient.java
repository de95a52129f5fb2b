package dev.hush.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests on the JDK's {@link WebSocket}: frames it receives are queued as
 * JSON, and the close code the server sent is kept. Heartbeats are skipped unless asked for.
 */
public final class LiveClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private LiveClient(String baseUrl, String token, Map<String, String> headers) {
        String query = "";
        if (token != null) {
            query = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws" + query);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code /ws} of the server at {@code baseUrl}; a null token sends none. */
    public static LiveClient connect(String baseUrl, String token) {
        return new LiveClient(baseUrl, token, Map.of());
    }

    /** Connects like {@link #connect(String, String)}, sending extra upgrade request headers. */
    public static LiveClient connect(String baseUrl, String token, Map<String, String> headers) {
        return new LiveClient(baseUrl, token, headers);
    }

    public void send(Map<String, ?> frame) {
        sendText(ApiClient.toJson(frame));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Returns the next frame that is not a heartbeat, failing after 10 s. */
    public JsonNode next() {
        try {
            while (true) {
                JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == null) {
                    throw new AssertionError("No frame arrived within " + WAIT.toSeconds() + " s");
                }
                if (!"heartbeat".equals(frame.path("type").asText())) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns the next frame after checking its type. */
    public JsonNode next(String type) {
        JsonNode frame = next();
        if (!type.equals(frame.path("type").asText())) {
            throw new AssertionError("Expected a '" + type + "' frame but got " + frame);
        }
        return frame;
    }

    /** Returns a frame arriving within {@code wait}, or null. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void subscribe(String threadId) {
        send(Map.of("type", "subscribe", "thread_id", threadId));
        next("subscribed");
    }

    /** Returns the close code the server sent, waiting up to 10 s. */
    public int awaitCloseCode() {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(
                    "The server did not close the socket within " + WAIT.toSeconds() + " s", e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(error -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
