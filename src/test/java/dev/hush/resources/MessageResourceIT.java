package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class MessageResourceIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    private static final String IV = "AAECAwQFBgcICQoL";
    private static final String EPOCH = "1970-01-01T00:00:00.000000Z";
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Random random = new Random(20261204);
    private ApiClient client;
    private String token;
    private String threadId;

    @BeforeEach
    void setUp() {
        TestDatabase.get().truncateAll();
        client = TestApp.client(APP);
        token = client.unlock();
        threadId = UUID.randomUUID().toString();
        Result thread = client.post("/api/threads",
                Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", IV), token);
        assertThat(thread.status()).isEqualTo(201);
    }

    @Test
    void messagesComeBackInOrderByteIdentical() throws Exception {
        int[] lengths = {1, 2, 3, 4, 5, 6, 1000, 65_535, 65_536};
        List<byte[]> ciphertexts = new ArrayList<>();
        List<byte[]> ivs = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            ciphertexts.add(randomBytes(lengths[i]));
            ivs.add(randomBytes(1 + i * 7));
        }

        List<Result> posted = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            posted.add(post(threadId, ciphertexts.get(i), ivs.get(i)));
        }
        Result page = client.get("/api/messages/" + threadId, token);

        for (Result result : posted) {
            assertThat(result.status()).isEqualTo(201);
        }
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json()).hasSize(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            JsonNode message = page.json().get(i);
            assertThat(message).isEqualTo(posted.get(i).json());
            assertThat(message.get("thread_id").asText()).isEqualTo(threadId);
            assertThat(Base64.getDecoder().decode(message.get("ciphertext").asText()))
                    .as("ciphertext of message %d (%d bytes)", i, lengths[i])
                    .isEqualTo(ciphertexts.get(i));
            assertThat(Base64.getDecoder().decode(message.get("iv").asText()))
                    .isEqualTo(ivs.get(i));
        }
        assertThat(storedCiphertexts()).containsExactlyElementsOf(ciphertexts);
    }

    @Test
    void responseFieldsHaveTheDocumentedShape() {
        Result posted = post(threadId, new byte[] {1, 2, 3}, new byte[] {4});

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.header("Content-Type")).startsWith("application/json");
        assertThat(posted.json().get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(posted.json().get("thread_id").asText()).isEqualTo(threadId);
        assertThat(posted.json().get("ciphertext").asText()).isEqualTo("AQID");
        assertThat(posted.json().get("iv").asText()).isEqualTo("BA==");
        assertThat(posted.json().get("created_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void afterPagesForwardWithoutGapsOrRepeats() {
        List<String> ids = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Result posted = post(threadId, new byte[] {(byte) i}, new byte[] {1});
            ids.add(posted.json().get("id").asText());
            times.add(posted.json().get("created_at").asText());
        }

        Result second = page(threadId, times.get(0), 2);
        Result third = page(threadId, times.get(2), 2);
        Result last = page(threadId, times.get(4), 2);

        assertThat(idsOf(second.json())).containsExactly(ids.get(1), ids.get(2));
        assertThat(idsOf(third.json())).containsExactly(ids.get(3), ids.get(4));
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json()).isEmpty();
    }

    @Test
    void withoutAfterReturnsNewestOldestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(post(threadId, new byte[] {(byte) i}, new byte[] {1}).json().get("id").asText());
        }

        Result newest = client.get("/api/messages/" + threadId + "?limit=3", token);

        assertThat(idsOf(newest.json())).containsExactly(ids.get(2), ids.get(3), ids.get(4));
    }

    @Test
    void countReturnsNumberOfMessages() {
        for (int i = 0; i < 3; i++) {
            post(threadId, new byte[] {(byte) i}, new byte[] {1});
        }

        Result count = client.get("/api/messages/" + threadId + "/count", token);

        assertThat(count.status()).isEqualTo(200);
        assertThat(count.json().get("thread_id").asText()).isEqualTo(threadId);
        assertThat(count.json().get("count").asLong()).isEqualTo(3);
    }

    @Test
    void oneTransactionPagesInOrder() throws Exception {
        try (Connection connection = TestDatabase.get().connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO messages (thread_id, ciphertext, iv) VALUES (?::uuid, ?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    insert.setString(1, threadId);
                    insert.setBytes(2, new byte[] {(byte) i});
                    insert.setBytes(3, new byte[] {1});
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }

        List<String> seen = new ArrayList<>();
        String cursor = EPOCH;
        for (int pages = 0; pages < 10; pages++) {
            JsonNode page = page(threadId, cursor, 2).json();
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(2);
            page.forEach(message -> seen.add(message.get("ciphertext").asText()));
            cursor = page.get(page.size() - 1).get("created_at").asText();
        }

        assertThat(seen).containsExactly("AA==", "AQ==", "Ag==", "Aw==", "BA==");
    }

    @Test
    void concurrentWritesPageExactlyOnce() throws Exception {
        int writers = 4;
        int perWriter = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<String>>> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            written.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    byte[] ciphertext = ("writer " + writer + " message " + i).getBytes(StandardCharsets.UTF_8);
                    Result posted = post(threadId, ciphertext, new byte[] {(byte) writer});
                    assertThat(posted.status()).isEqualTo(201);
                    ids.add(posted.json().get("id").asText());
                }
                return ids;
            }));
        }

        List<JsonNode> seen = new ArrayList<>();
        String cursor = EPOCH;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (seen.size() < writers * perWriter && System.nanoTime() < deadline) {
            JsonNode page = page(threadId, cursor, 7).json();
            page.forEach(seen::add);
            if (!page.isEmpty()) {
                cursor = page.get(page.size() - 1).get("created_at").asText();
            }
        }
        List<List<String>> idsByWriter = new ArrayList<>();
        for (Future<List<String>> ids : written) {
            idsByWriter.add(ids.get(60, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        List<String> seenIds = new ArrayList<>();
        seen.forEach(message -> seenIds.add(message.get("id").asText()));
        Set<String> allWritten = new HashSet<>();
        idsByWriter.forEach(allWritten::addAll);
        assertThat(seenIds).doesNotHaveDuplicates();
        assertThat(seenIds).containsExactlyInAnyOrderElementsOf(allWritten);
        for (List<String> ids : idsByWriter) {
            assertThat(seenIds.stream().filter(ids::contains).toList()).isEqualTo(ids);
        }
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).get("created_at").asText())
                    .isGreaterThan(seen.get(i - 1).get("created_at").asText());
        }
    }

    @Test
    void limitDefaultsTo50AndAccepts1To200() {
        for (int i = 0; i < 51; i++) {
            post(threadId, new byte[] {(byte) i}, new byte[] {1});
        }

        Result byDefault = client.get("/api/messages/" + threadId, token);
        Result one = client.get("/api/messages/" + threadId + "?limit=1", token);
        Result max = client.get("/api/messages/" + threadId + "?limit=200", token);

        assertThat(byDefault.json()).hasSize(50);
        assertThat(byDefault.json().get(0).get("ciphertext").asText()).isEqualTo("AQ==");
        assertThat(one.json()).hasSize(1);
        assertThat(one.json().get(0).get("ciphertext").asText()).isEqualTo("Mg==");
        assertThat(max.json()).hasSize(51);
    }

    @Test
    void limitOutOfRangeOrNotNumberIs400() {
        for (String limit : List.of("0", "201", "-1", "abc", "", "1.5", "99999999999")) {
            Result result = client.get("/api/messages/" + threadId + "?limit=" + limit, token);

            assertThat(result.status()).as("limit=%s", limit).isEqualTo(400);
            assertThat(result.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(result.json().get("message").asText()).contains("limit");
        }
    }

    @Test
    void badAfterIs400() {
        for (String after : List.of("yesterday", "2026-01-01", "2026-01-01T00:00:00", "", "1700000000")) {
            Result result = page(threadId, after, 10);

            assertThat(result.status()).as("after=%s", after).isEqualTo(400);
            assertThat(result.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(result.json().get("message").asText()).contains("after");
        }
    }

    @Test
    void afterOutsideDatabaseRangeIs400() {
        for (String after : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "+294277-01-01T00:00:00Z", "-4714-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            Result result = page(threadId, after, 10);

            assertThat(result.status()).as("after=%s: %s", after, result.text()).isEqualTo(400);
            assertThat(result.json().get("error").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void afterWithNanosecondsIsNotRoundedUp() {
        Result posted = post(threadId, new byte[] {1}, new byte[] {1});
        Instant createdAt = Instant.parse(posted.json().get("created_at").asText());
        String justBefore = createdAt.minusNanos(400).toString();

        Result result = page(threadId, justBefore, 10);

        assertThat(justBefore).as("cursor with nanoseconds").matches(".*\\.\\d{9}Z");
        assertThat(idsOf(result.json())).containsExactly(posted.json().get("id").asText());
    }

    @Test
    void afterAcceptsAnyOffset() {
        post(threadId, new byte[] {1}, new byte[] {1});

        Result result = page(threadId, "1970-01-01T02:00:00+02:00", 10);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json()).hasSize(1);
    }

    @Test
    void unknownThreadIs404AndEmpty() throws Exception {
        String unknown = UUID.randomUUID().toString();

        Result posted = client.post("/api/messages",
                Map.of("thread_id", unknown, "ciphertext", "AQID", "iv", IV), token);
        Result page = client.get("/api/messages/" + unknown, token);
        Result count = client.get("/api/messages/" + unknown + "/count", token);

        assertThat(posted.status()).isEqualTo(404);
        assertThat(posted.json().get("error").asText()).isEqualTo("thread_not_found");
        assertThat(posted.json().get("message").asText()).isNotBlank();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json()).isEmpty();
        assertThat(count.status()).isEqualTo(200);
        assertThat(count.json().get("count").asLong()).isZero();
        assertThat(storedCiphertexts()).isEmpty();
    }

    @Test
    void threadIdsAreMatchedCaseInsensitively() {
        String upper = threadId.toUpperCase();

        Result posted = client.post("/api/messages",
                Map.of("thread_id", upper, "ciphertext", "AQID", "iv", IV), token);
        Result page = client.get("/api/messages/" + upper, token);

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("thread_id").asText()).isEqualTo(threadId);
        assertThat(page.json()).hasSize(1);
    }

    @Test
    void badThreadIdInPathIs400() {
        for (String id : List.of("not-a-uuid", "1234", threadId + "0", threadId.replace('-', 'x'))) {
            Result page = client.get("/api/messages/" + id, token);
            Result count = client.get("/api/messages/" + id + "/count", token);

            assertThat(page.status()).as("GET %s", id).isEqualTo(400);
            assertThat(page.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(count.status()).as("count %s", id).isEqualTo(400);
        }
    }

    @Test
    void everyMessageRouteNeedsToken() {
        Result post = client.post("/api/messages",
                Map.of("thread_id", threadId, "ciphertext", "AQID", "iv", IV), null);
        Result page = client.get("/api/messages/" + threadId, null);
        Result count = client.get("/api/messages/" + threadId + "/count", "garbage");

        for (Result result : List.of(post, page, count)) {
            assertThat(result.status()).isEqualTo(401);
            assertThat(result.json().get("error").asText()).isEqualTo("unauthorized");
        }
    }

    private Result post(String thread, byte[] ciphertext, byte[] iv) {
        return client.post("/api/messages", Map.of("thread_id", thread,
                "ciphertext", BASE64.encodeToString(ciphertext), "iv", BASE64.encodeToString(iv)), token);
    }

    private Result page(String thread, String after, int limit) {
        return client.get("/api/messages/" + thread + "?after="
                + URLEncoder.encode(after, StandardCharsets.UTF_8) + "&limit=" + limit, token);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static List<String> idsOf(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.forEach(message -> ids.add(message.get("id").asText()));
        return ids;
    }

    private static List<byte[]> storedCiphertexts() throws SQLException {
        List<byte[]> stored = new ArrayList<>();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT ciphertext FROM messages ORDER BY created_at");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                stored.add(rows.getBytes(1));
            }
        }
        return stored;
    }
}
