package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.RawHttp;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The input rules shared by the write endpoints: every bad body gets a JSON 4xx with
 * {@code error} and {@code message}, never HTML or a 500, and nothing is stored.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InputRulesIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    private static final String IV = "AAECAwQFBgcICQoL";
    private static final int MAX_CIPHERTEXT_BYTES = 65_536;

    private ApiClient client;
    private String token;
    private String threadId;

    @BeforeEach
    void setUp() {
        TestDatabase.get().truncateAll();
        client = TestApp.client(APP);
        token = client.unlock();
        threadId = UUID.randomUUID().toString();
        assertThat(client.post("/api/threads", thread(threadId, "aGVhZGVy", IV), token).status())
                .isEqualTo(201);
    }

    @Test
    void badThreadIdsAre400() {
        List<String> badIds = List.of("", "xyz", "123e4567-e89b-12d3-a456-42661417400",
                "123e4567-e89b-12d3-a456-4266141740000", "{123e4567-e89b-12d3-a456-426614174000}",
                " 123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000",
                "g23e4567-e89b-12d3-a456-426614174000");

        for (String id : badIds) {
            expectRejected(client.post("/api/messages", message(id, "AQID", IV), token),
                    400, "invalid_request", "message with thread_id '" + id + "'");
            expectRejected(client.post("/api/threads", thread(id, "AQID", IV), token),
                    400, "invalid_request", "thread with id '" + id + "'");
        }
        expectNothingStored();
    }

    @Test
    void uppercaseAndAnyVersionBitsAreAccepted() {
        String upper = "ABCDEF01-2345-6789-ABCD-EF0123456789";
        String noVersion = "00000000-0000-0000-0000-000000000000";

        Result upperThread = client.post("/api/threads", thread(upper, "AQID", IV), token);
        Result zeroThread = client.post("/api/threads", thread(noVersion, "AQID", IV), token);

        assertThat(upperThread.status()).isEqualTo(201);
        assertThat(upperThread.json().get("id").asText()).isEqualTo(upper.toLowerCase());
        assertThat(zeroThread.status()).isEqualTo(201);
    }

    @Test
    void nonCanonicalBase64Is400() {
        byte[] urlSafeBytes = {(byte) 0xfb, (byte) 0xff};
        List<String> badBlobs = List.of(
                "AQI", "AQ", "-_8=", Base64.getUrlEncoder().encodeToString(urlSafeBytes),
                "AQ ID", "AQID\n", " AQID", "AQ\tID", "QR==", "QUF=", "====", "A===", "AQID====",
                "AQ=D", "AQ==AQ==", "é===", "AQID=");

        for (String blob : badBlobs) {
            expectRejected(client.post("/api/messages", message(threadId, blob, IV), token),
                    400, "invalid_request", "ciphertext '" + blob + "'");
            expectRejected(client.post("/api/messages", message(threadId, "AQID", blob), token),
                    400, "invalid_request", "iv '" + blob + "'");
            expectRejected(client.post("/api/threads", thread(UUID.randomUUID().toString(), blob, IV),
                    token), 400, "invalid_request", "thread ciphertext '" + blob + "'");
        }
        expectNothingStored();
    }

    @Test
    void emptyBlobsAre400() {
        expectRejected(client.post("/api/messages", message(threadId, "", IV), token),
                400, "invalid_request", "empty ciphertext");
        expectRejected(client.post("/api/messages", message(threadId, "AQID", ""), token),
                400, "invalid_request", "empty iv");
        expectNothingStored();
    }

    @Test
    void ivOver64BytesIsRejectedAnd64Accepted() {
        String iv65 = Base64.getEncoder().encodeToString(new byte[65]);
        String iv64 = Base64.getEncoder().encodeToString(new byte[64]);

        Result tooLong = client.post("/api/messages", message(threadId, "AQID", iv65), token);
        expectRejected(tooLong, 400, "invalid_request", "iv of 65 bytes");
        expectNothingStored();

        Result longest = client.post("/api/messages", message(threadId, "AQID", iv64), token);
        assertThat(longest.status()).isEqualTo(201);
    }

    @Test
    void ciphertextOverCapIs413AndCapIsAccepted() {
        String over = Base64.getEncoder().encodeToString(new byte[MAX_CIPHERTEXT_BYTES + 1]);
        String atCap = Base64.getEncoder().encodeToString(new byte[MAX_CIPHERTEXT_BYTES]);

        expectRejected(client.post("/api/messages", message(threadId, over, IV), token),
                413, "payload_too_large", "message ciphertext over the cap");
        expectRejected(client.post("/api/threads", thread(UUID.randomUUID().toString(), over, IV), token),
                413, "payload_too_large", "thread ciphertext over the cap");
        expectNothingStored();

        assertThat(client.post("/api/messages", message(threadId, atCap, IV), token).status())
                .isEqualTo(201);
    }

    @Test
    void bodyOverCapWithContentLengthIs413() {
        byte[] body = ("{\"thread_id\":\"" + threadId + "\",\"iv\":\"" + IV + "\",\"ciphertext\":\""
                + "A".repeat(400_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        String head = "POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length;

        RawHttp.Response response = RawHttp.exchange(APP.getLocalPort(), head, body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).contains("\"error\":\"payload_too_large\"");
        expectNothingStored();
    }

    @Test
    void chunkedBodyOverCapIs413() {
        byte[] json = ("{\"thread_id\":\"" + threadId + "\",\"iv\":\"" + IV + "\",\"ciphertext\":\""
                + "A".repeat(400_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        HttpRequest.Builder request = client.request("/api/messages", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)));

        Result result = client.send(request);

        assertThat(result.status()).isEqualTo(413);
        assertThat(result.json().get("error").asText()).isEqualTo("payload_too_large");
        expectNothingStored();
    }

    @Test
    void chunkedBodyUnderCapIsAccepted() {
        byte[] json = ApiClient.toJson(message(threadId, "AQID", IV)).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = client.request("/api/messages", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)));

        Result result = client.send(request);

        assertThat(result.status()).isEqualTo(201);
    }

    @Test
    void missingFieldsAre400() {
        List<Map<String, Object>> bodies = new ArrayList<>();
        bodies.add(Map.of());
        bodies.add(Map.of("ciphertext", "AQID", "iv", IV));
        bodies.add(Map.of("thread_id", threadId, "iv", IV));
        bodies.add(Map.of("thread_id", threadId, "ciphertext", "AQID"));
        Map<String, Object> nullIv = new LinkedHashMap<>(message(threadId, "AQID", IV));
        nullIv.put("iv", null);
        bodies.add(nullIv);

        for (Map<String, Object> body : bodies) {
            expectRejected(client.post("/api/messages", body, token), 400, "invalid_request",
                    "message body " + body);
        }
        expectRejected(client.post("/api/threads", Map.of("ciphertext", "AQID", "iv", IV), token),
                400, "invalid_request", "thread without id");
        expectRejected(client.post("/api/threads/query", Map.of(), token),
                400, "invalid_request", "query without thread_ids");
        expectNothingStored();
    }

    @Test
    void wrongFieldTypesAre400() {
        List<String> messageBodies = List.of(
                "{\"thread_id\":\"" + threadId + "\",\"ciphertext\":\"AQID\",\"iv\":5}",
                "{\"thread_id\":\"" + threadId + "\",\"ciphertext\":\"AQID\",\"iv\":5.5}",
                "{\"thread_id\":\"" + threadId + "\",\"ciphertext\":true,\"iv\":\"" + IV + "\"}",
                "{\"thread_id\":\"" + threadId + "\",\"ciphertext\":[\"AQID\"],\"iv\":\"" + IV + "\"}",
                "{\"thread_id\":{},\"ciphertext\":\"AQID\",\"iv\":\"" + IV + "\"}",
                "{\"thread_id\":12345,\"ciphertext\":\"AQID\",\"iv\":\"" + IV + "\"}");

        for (String body : messageBodies) {
            Result result = client.postRaw("/api/messages", body, "application/json", token);
            expectRejected(result, 400, null, "message body " + body);
        }
        for (String body : List.of("{\"thread_ids\":\"x\"}", "{\"thread_ids\":5}",
                "{\"thread_ids\":{\"a\":1}}", "{\"thread_ids\":[[\"" + threadId + "\"]]}",
                "{\"thread_ids\":[5]}")) {
            Result result = client.postRaw("/api/threads/query", body, "application/json", token);
            expectRejected(result, 400, null, "query body " + body);
        }
        expectNothingStored();
    }

    @Test
    void malformedJsonIs400() {
        String valid = ApiClient.toJson(message(threadId, "AQID", IV));
        List<String> bodies = List.of("{", "{\"thread_id\":", "not json", "[]", "null", "\"text\"",
                "42", valid + " trailing", valid + "}", "{'thread_id':'" + threadId + "'}",
                "\u0000", "{\"thread_id\":\"" + threadId + "\",}");

        for (String body : bodies) {
            Result result = client.postRaw("/api/messages", body, "application/json", token);
            expectRejected(result, 400, null, "body " + body);
        }
        expectNothingStored();
    }

    @Test
    void invalidUtf8AndDeepNestingAre400() {
        byte[] prefix = ("{\"thread_id\":\"" + threadId + "\",\"iv\":\"" + IV + "\",\"ciphertext\":\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] invalidUtf8 = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, invalidUtf8, 0, prefix.length);
        invalidUtf8[prefix.length] = (byte) 0xff;
        invalidUtf8[prefix.length + 1] = (byte) 0xfe;
        invalidUtf8[prefix.length + 2] = '"';
        invalidUtf8[prefix.length + 3] = '}';
        String deep = "{\"thread_ids\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        Result utf8 = client.send(client.request("/api/messages", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)));
        Result nested = client.postRaw("/api/threads/query", deep, "application/json", token);

        expectRejected(utf8, 400, null, "invalid UTF-8");
        expectRejected(nested, 400, null, "5000 nested arrays");
        expectNothingStored();
    }

    /** Regression: these named a wrong field type, or called valid JSON invalid. */
    @Test
    void errorMessagesNameTheRealFault() {
        byte[] prefix = "{\"words\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] invalidUtf8 = Arrays.copyOf(prefix, prefix.length + 4);
        invalidUtf8[prefix.length] = (byte) 0xff;
        invalidUtf8[prefix.length + 1] = (byte) 0xfe;
        invalidUtf8[prefix.length + 2] = '"';
        invalidUtf8[prefix.length + 3] = '}';

        Result utf8 = client.send(client.request("/api/auth", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)));
        Result array = client.postRaw("/api/threads", "[{\"id\":\"" + threadId + "\"}]",
                "application/json", token);
        Result element = client.postRaw("/api/threads/query", "{\"thread_ids\":[[\"x\"]]}",
                "application/json", token);

        assertThat(utf8.json().get("error").asText()).isEqualTo("invalid_json");
        assertThat(array.json().get("message").asText()).contains("must be a JSON object");
        assertThat(element.json().get("message").asText()).isEqualTo("'thread_ids[0]' has the wrong type");
    }

    @Test
    void emptyBodyIs400() {
        expectRejected(client.postRaw("/api/messages", "", "application/json", token),
                400, "invalid_request", "empty message body");
        expectRejected(client.postRaw("/api/threads", "", "application/json", token),
                400, "invalid_request", "empty thread body");
        expectRejected(client.postRaw("/api/threads/query", "", "application/json", token),
                400, "invalid_request", "empty query body");
        expectRejected(client.postRaw("/api/auth", "", "application/json", null),
                400, "invalid_request", "empty unlock body");
    }

    @Test
    void wrongContentTypeIs415() {
        String body = ApiClient.toJson(message(threadId, "AQID", IV));

        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
            "application/xml", null}) {
            Result result = client.postRaw("/api/messages", body, type, token);
            expectRejected(result, 415, "unsupported_media_type", "Content-Type " + type);
        }
        expectNothingStored();
    }

    @Test
    void jsonWithCharsetIsAccepted() {
        String body = ApiClient.toJson(message(threadId, "AQID", IV));

        Result result = client.postRaw("/api/messages", body, "application/json; charset=utf-8", token);

        assertThat(result.status()).isEqualTo(201);
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, Object> body = new LinkedHashMap<>(message(threadId, "AQID", IV));
        body.put("sender", "ignored");

        assertThat(client.post("/api/messages", body, token).status()).isEqualTo(201);
    }

    private static Map<String, Object> message(String thread, String ciphertext, String iv) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("thread_id", thread);
        body.put("ciphertext", ciphertext);
        body.put("iv", iv);
        return body;
    }

    private static Map<String, Object> thread(String id, String ciphertext, String iv) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("ciphertext", ciphertext);
        body.put("iv", iv);
        return body;
    }

    /** Checks a JSON error body; a null {@code code} accepts any code. */
    static void expectRejected(Result result, int status, String code, String what) {
        assertThat(result.status()).as("status for %s: %s", what, result.text()).isEqualTo(status);
        assertThat(result.header("Content-Type")).as("type for %s", what).startsWith("application/json");
        assertThat(result.json().get("error")).as("error for %s", what).isNotNull();
        assertThat(result.json().get("message").asText()).as("message for %s", what).isNotBlank();
        if (code != null) {
            assertThat(result.json().get("error").asText()).as("code for %s", what).isEqualTo(code);
        }
    }

    private static void expectNothingStored() {
        assertThat(count("SELECT count(*) FROM messages")).as("stored messages").isZero();
        assertThat(count("SELECT count(*) FROM threads")).as("stored threads").isEqualTo(1);
    }

    private static long count(String sql) {
        try (Connection connection = TestDatabase.get().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
