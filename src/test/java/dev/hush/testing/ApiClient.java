package dev.hush.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for tests, able to send any bytes, including malformed bodies. */
public final class ApiClient {
    /** Reads strings of any length, so the largest ciphertext the server accepts parses too. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Result(int status, String text, JsonNode json, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Result get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Result post(String path, Object body, String token) {
        return postRaw(path, toJson(body), "application/json", token);
    }

    public Result postRaw(String path, String body, String contentType, String token) {
        HttpRequest.Builder request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Result send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Result(response.statusCode(), response.body(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Unlocks with the test vault's words and returns the token. */
    public String unlock() {
        Result result = post("/api/auth", Map.of("words", TestApp.WORDS), null);
        if (result.status() != 200) {
            throw new IllegalStateException("Unlock failed with status " + result.status() + ": " + result.text());
        }
        return result.json().get("token").asText();
    }

    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
