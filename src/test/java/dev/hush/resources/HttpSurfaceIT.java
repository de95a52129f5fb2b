package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.RawHttp;
import dev.hush.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every response has in common: security headers, CORS for the one frontend origin, and
 * JSON error bodies, also for errors Jetty returns before a request reaches the application.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HttpSurfaceIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    private static final String FRONTEND = "https://chat.example.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiClient client;

    @BeforeEach
    void setUp() {
        client = TestApp.client(APP);
    }

    @Test
    void securityHeadersOnEveryKindOfResponse() {
        String token = client.unlock();
        Map<String, Result> responses = Map.of(
                "health", client.get("/health", null),
                "salt", client.get("/api/auth/salt", null),
                "unknown path", client.get("/nope", null),
                "wrong method", client.send(client.request("/api/messages", token)
                        .method("PUT", HttpRequest.BodyPublishers.ofString("{}"))),
                "unauthorized", client.get("/api/messages/" + UUID.randomUUID(), null),
                "bad request", client.get("/api/messages/bad-id", token),
                "preflight", preflight("/api/messages", FRONTEND),
                "not found thread", client.get("/api/threads/" + UUID.randomUUID(), token));

        responses.forEach((what, result) -> {
            assertThat(result.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(result.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(result.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(result.header("Cache-Control")).as(what).isEqualTo("no-store");
        });
    }

    @Test
    void preflightFromFrontendIsAllowed() {
        Result result = preflight("/api/messages", FRONTEND);

        assertThat(result.status()).isBetween(200, 204);
        assertThat(result.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(List.of(result.header("Access-Control-Allow-Methods").split(",\\s*")))
                .containsExactlyInAnyOrder("GET", "POST", "DELETE");
        assertThat(List.of(result.header("Access-Control-Allow-Headers").split(",\\s*")))
                .containsExactlyInAnyOrder("Authorization", "Content-Type");
        assertThat(result.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        for (String origin : List.of("https://evil.example.org", "https://chat.example.org.evil.net",
                "http://chat.example.org", "https://chat.example.org:8443", "null")) {
            Result preflight = preflight("/api/messages", origin);
            Result get = client.send(client.request("/api/auth/salt", null).GET().header("Origin", origin));

            expectJsonError(preflight, 403, "preflight from " + origin);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as("preflight from %s", origin).isNull();
            assertThat(preflight.header("Access-Control-Allow-Methods")).as("preflight from %s", origin).isNull();
            assertThat(get.header("Access-Control-Allow-Origin")).as("GET from %s", origin).isNull();
        }
    }

    @Test
    void simpleRequestFromFrontendGetsAllowOrigin() {
        Result result = client.send(client.request("/api/auth/salt", null).GET().header("Origin", FRONTEND));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(result.raw().headers().allValues("Vary")).anyMatch(value -> value.contains("Origin"));
    }

    @Test
    void unknownPathsAre404Json() {
        for (String path : List.of("/", "/nope", "/api", "/api/nope",
                "/swagger", "/swagger.json", "/swagger-ui", "/openapi", "/openapi.json", "/openapi.yaml",
                "/api/openapi.json", "/application.wadl", "/api/application.wadl", "/healthcheck",
                "/metrics", "/tasks/wipe")) {
            Result result = client.get(path, null);

            expectJsonError(result, 404, "GET " + path);
        }
    }

    @Test
    void wrongMethodIs405Json() {
        String token = client.unlock();
        String thread = "/api/threads/" + UUID.randomUUID();
        Map<String, HttpRequest.Builder> requests = Map.of(
                "PUT /api/messages", client.request("/api/messages", token)
                        .method("PUT", HttpRequest.BodyPublishers.ofString("{}")),
                "DELETE thread", client.request(thread, token).DELETE(),
                "POST thread", client.request(thread, token)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"),
                "GET /api/auth", client.request("/api/auth", null).GET(),
                "PATCH /api/auth/salt", client.request("/api/auth/salt", null)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")),
                "POST /health", client.request("/health", null).POST(HttpRequest.BodyPublishers.noBody()));

        requests.forEach((what, request) -> expectJsonError(client.send(request), 405, what));
    }

    @Test
    void optionsWithoutPreflightServesNoDescription() {
        Result result = client.send(client.request("/api/messages", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(result.text()).doesNotContain("wadl").doesNotContain("<");
    }

    @Test
    void oversizedHeaderIs431Json() throws Exception {
        String head = "GET /api/auth/salt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "X-Padding: " + "a".repeat(20 * 1024);

        RawHttp.Response response = RawHttp.exchange(APP.getLocalPort(), head, new byte[0]);

        expectRawJsonError(response, 431, "20 KB header");
    }

    @Test
    void malformedUriIs400Json() throws Exception {
        for (String target : List.of("/api/%zz", "/api/messages/%", "/api/%C0%AF", "/api/threads/%00")) {
            String head = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close";

            RawHttp.Response response = RawHttp.exchange(APP.getLocalPort(), head, new byte[0]);

            expectRawJsonError(response, 400, "GET " + target);
        }
    }

    @Test
    void adminPortUnknownPathIs404Json() throws Exception {
        String head = "GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close";

        RawHttp.Response response = RawHttp.exchange(APP.getAdminPort(), head, new byte[0]);

        expectRawJsonError(response, 404, "admin GET /nope");
    }

    @Test
    void unsupportedHttpVersionIs505Json() throws Exception {
        String head = "GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close";

        RawHttp.Response response = RawHttp.exchange(APP.getLocalPort(), head, new byte[0]);

        expectRawJsonError(response, 505, "HTTP/9.9");
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("http_version_not_supported");
    }

    @Test
    void smugglingShapedRequestIs400Json() throws Exception {
        String head = "POST /api/auth HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked";

        RawHttp.Response response = RawHttp.exchange(APP.getLocalPort(), head, "0\r\n\r\n".getBytes());

        expectRawJsonError(response, 400, "Content-Length with chunked encoding");
    }

    /** Regression: with request inflation on, a body that was not gzip reached a 500. */
    @Test
    void gzipEncodedBodiesAre400Json() throws Exception {
        String token = client.unlock();
        byte[] compressed = gzip("{\"words\":\"" + TestApp.WORDS + "\"}");

        Result notGzip = client.send(client.request("/api/auth", null)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("notgzip")));
        Result realGzip = client.send(client.request("/api/threads/query", token)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed)));

        expectJsonError(notGzip, 400, "a body labelled gzip that is not");
        expectJsonError(realGzip, 400, "a gzip body, which is not inflated");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private Result preflight(String path, String origin) {
        return client.send(client.request(path, null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
    }

    private static void expectJsonError(Result result, int status, String what) {
        assertThat(result.status()).as("status for %s: %s", what, result.text()).isEqualTo(status);
        assertThat(result.header("Content-Type")).as("type for %s", what).startsWith("application/json");
        assertThat(result.json().get("error").asText()).as("error for %s", what).isNotBlank();
        assertThat(result.json().get("message").asText()).as("message for %s", what).isNotBlank();
        assertThat(result.header("X-Content-Type-Options")).as("nosniff for %s", what).isEqualTo("nosniff");
    }

    private static void expectRawJsonError(RawHttp.Response response, int status, String what)
            throws Exception {
        assertThat(response.status()).as("status for %s: %s", what, response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("type for %s: %s", what, response.body())
                .startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).as("error for %s", what).isNotBlank();
        assertThat(body.get("message").asText()).as("message for %s", what).isNotBlank();
        assertThat(response.body()).as("body for %s", what).doesNotContain("<").doesNotContain("Exception");
        assertThat(response.header("X-Content-Type-Options")).as("nosniff for %s", what).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).as("no-store for %s", what).isEqualTo("no-store");
    }
}
