package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ThreadResourceIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    private ApiClient client;
    private String token;

    @BeforeEach
    void setUp() {
        TestDatabase.get().truncateAll();
        client = TestApp.client(APP);
        token = client.unlock();
    }

    private static Map<String, Object> thread(String id) {
        return Map.of("id", id, "ciphertext", "c2VjcmV0IGhlYWRlcg==", "iv", "AAECAwQFBgcICQoL");
    }

    @Test
    void createsThreadThenReturnsItById() {
        String id = UUID.randomUUID().toString();

        Result created = client.post("/api/threads", thread(id), token);
        Result fetched = client.get("/api/threads/" + id, token);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isEqualTo(id);
        assertThat(created.json().get("ciphertext").asText()).isEqualTo("c2VjcmV0IGhlYWRlcg==");
        assertThat(created.json().get("iv").asText()).isEqualTo("AAECAwQFBgcICQoL");
        assertThat(created.json().get("created_at").asText()).endsWith("Z");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(created.json());
    }

    @Test
    void secondCreateReturnsStoredThreadWith200() {
        String id = UUID.randomUUID().toString();
        client.post("/api/threads", thread(id), token);

        Result again = client.post("/api/threads",
                Map.of("id", id, "ciphertext", "b3RoZXI=", "iv", "AAECAwQFBgcICQoL"), token);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("ciphertext").asText()).isEqualTo("c2VjcmV0IGhlYWRlcg==");
    }

    @Test
    void concurrentCreatesOfOneIdMakeOneThread() throws Exception {
        String id = UUID.randomUUID().toString();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Result> create = () -> {
                start.await();
                return client.post("/api/threads", thread(id), token);
            };
            results.add(pool.submit(create));
        }

        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Result> result : results) {
            statuses.add(result.get(30, TimeUnit.SECONDS).status());
        }
        pool.shutdownNow();

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    }

    /** Regression: a pooled connection left with auto-commit off by Liquibase kept writes uncommitted. */
    @Test
    void createdThreadIsCommittedForOtherConnections() throws Exception {
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            client.post("/api/threads", thread(UUID.randomUUID().toString()), token);
        }

        client.post("/api/threads", thread(id), token);

        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM threads WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void missingThreadIs404() {
        Result result = client.get("/api/threads/" + UUID.randomUUID(), token);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.json().get("error").asText()).isEqualTo("thread_not_found");
    }

    @Test
    void queryReturnsExistingThreadsNewestFirst() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        client.post("/api/threads", thread(first), token);
        client.post("/api/threads", thread(second), token);

        Result result = client.post("/api/threads/query",
                Map.of("thread_ids", List.of(first, second, UUID.randomUUID().toString())), token);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json()).hasSize(2);
        assertThat(result.json().get(0).get("id").asText()).isEqualTo(second);
        assertThat(result.json().get(1).get("id").asText()).isEqualTo(first);
    }

    @Test
    void queryOfMoreThan100IdsIs400() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(UUID.randomUUID().toString());
        }

        Result result = client.post("/api/threads/query", Map.of("thread_ids", ids), token);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void threadIdWithAnyVersionBitsIsAccepted() {
        String hashDerived = "ffffffff-ffff-ffff-ffff-ffffffffffff";

        Result result = client.post("/api/threads", thread(hashDerived), token);

        assertThat(result.status()).isEqualTo(201);
    }
}
