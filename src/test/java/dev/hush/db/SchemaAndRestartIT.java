package dev.hush.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.DropwizardTestSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema comes from Liquibase alone, and stored data survives a restart of the service. */
class SchemaAndRestartIT {
    private static final String IV = "AAECAwQFBgcICQoL";
    private static final String TABLES = "SELECT table_name FROM information_schema.tables "
            + "WHERE table_schema = 'public' ORDER BY table_name";

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void freshDatabaseGetsWholeSchemaFromChangelog() throws Exception {
        String database = "hush_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase.get().execute("CREATE DATABASE " + database);
        String url = TestDatabase.get().jdbcUrlOf(database);
        DropwizardTestSupport<HushConfiguration> app = TestApp.supportOn(url);
        try {
            assertThat(queryStrings(url, TABLES)).isEmpty();

            app.before();

            assertThat(queryStrings(url, "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                    .startsWith("1-threads", "2-messages", "3-security-tables",
                            "4-messages-ordered-created-at");
            assertThat(queryStrings(url, TABLES)).contains("auth_failures", "blocked_ips",
                    "databasechangelog", "databasechangeloglock", "messages", "threads");
            assertThat(queryStrings(url, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
                    .contains("messages_assign_created_at");
            assertThat(queryStrings(url, "SELECT data_type FROM information_schema.columns "
                    + "WHERE table_name = 'messages' AND column_name IN ('ciphertext', 'iv')"))
                    .containsExactly("bytea", "bytea");
        } finally {
            app.after();
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void migrationLeavesNoOpenTransactionInPool() throws Exception {
        DropwizardTestSupport<HushConfiguration> app = TestApp.support();
        app.before();
        try {
            String idleInTransaction = "SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND state LIKE 'idle in transaction%' "
                    + "AND pid <> pg_backend_pid()";

            assertThat(queryStrings(idleInTransaction)).containsExactly("0");
        } finally {
            app.after();
        }
    }

    @Test
    void everyPostedMessageIsCommittedWhenResponseArrives() throws Exception {
        DropwizardTestSupport<HushConfiguration> app = TestApp.support();
        app.before();
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + app.getLocalPort());
            String token = client.unlock();
            String threadId = UUID.randomUUID().toString();
            client.post("/api/threads", Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", IV), token);

            for (int i = 1; i <= 20; i++) {
                Result posted = client.post("/api/messages",
                        Map.of("thread_id", threadId, "ciphertext", "bWVzc2FnZQ==", "iv", IV), token);
                assertThat(posted.status()).isEqualTo(201);
                assertThat(queryStrings("SELECT count(*) FROM messages"))
                        .as("rows visible to another session after message %d", i)
                        .containsExactly(String.valueOf(i));
            }
        } finally {
            app.after();
        }
    }

    @Test
    void dataSurvivesRestart() throws Exception {
        String threadId = UUID.randomUUID().toString();
        List<String> ciphertexts = List.of("Zmlyc3Q=", "c2Vjb25k", "dGhpcmQ=");
        Result thread;
        Result firstPage;

        DropwizardTestSupport<HushConfiguration> first = TestApp.support();
        first.before();
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + first.getLocalPort());
            String token = client.unlock();
            thread = client.post("/api/threads",
                    Map.of("id", threadId, "ciphertext", "aGVhZGVy", "iv", IV), token);
            for (String ciphertext : ciphertexts) {
                client.post("/api/messages",
                        Map.of("thread_id", threadId, "ciphertext", ciphertext, "iv", IV), token);
            }
            firstPage = client.get("/api/messages/" + threadId, token);
        } finally {
            first.after();
        }

        DropwizardTestSupport<HushConfiguration> second = TestApp.support();
        second.before();
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + second.getLocalPort());
            String token = client.unlock();

            Result threadAgain = client.get("/api/threads/" + threadId, token);
            Result pageAgain = client.get("/api/messages/" + threadId, token);

            assertThat(threadAgain.status()).isEqualTo(200);
            assertThat(threadAgain.json()).isEqualTo(thread.json());
            assertThat(pageAgain.json()).isEqualTo(firstPage.json());
            List<String> stored = new ArrayList<>();
            pageAgain.json().forEach(message -> stored.add(message.get("ciphertext").asText()));
            assertThat(stored).isEqualTo(ciphertexts);
        } finally {
            second.after();
        }
    }

    private static List<String> queryStrings(String sql) throws SQLException {
        return queryStrings(TestDatabase.get().jdbcUrl(), sql);
    }

    private static List<String> queryStrings(String jdbcUrl, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
