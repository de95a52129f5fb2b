import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A command-line client for HUSH's /ws live channel, needing only a JDK 17:
 * {@code HUSH_TOKEN=... java tools/LiveCli.java ws://127.0.0.1:8000}. The token comes from the
 * environment, so it does not show in the process list or the shell history. Each line typed on
 * standard input is sent as one text frame; each frame received is printed with the local time.
 */
public final class LiveCli {
    public static void main(String[] args) throws Exception {
        String rawToken = System.getenv("HUSH_TOKEN");
        if (args.length != 1 || rawToken == null || rawToken.isBlank()) {
            System.err.println("usage: HUSH_TOKEN=<token from POST /api/auth> java tools/LiveCli.java ws://HOST:PORT");
            System.exit(2);
        }
        String token = URLEncoder.encode(rawToken.trim(), StandardCharsets.UTF_8);
        URI uri = URI.create(args[0] + "/ws?token=" + token);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new Printer(closed))
                .join();
        System.err.println("connected; type JSON frames, one per line");

        Thread input = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(System.in))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        socket.sendText(line, true).join();
                    }
                }
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
        });
        input.setDaemon(true);
        input.start();
        closed.join();
    }

    private static final class Printer implements WebSocket.Listener {
        private final CompletableFuture<Void> closed;
        private final StringBuilder partial = new StringBuilder();

        Printer(CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                System.out.println(LocalTime.now() + " " + partial);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            System.err.println("closed by server: code=" + statusCode + " reason=" + reason);
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            System.err.println("connection failed: " + error);
            closed.complete(null);
        }
    }
}
