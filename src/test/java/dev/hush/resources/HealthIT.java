package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class HealthIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    @Test
    void healthIsHealthyWithoutToken() {
        Result result = TestApp.client(APP).get("/health", null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).startsWith("application/json");
        assertThat(result.json().get("status").asText()).isEqualTo("healthy");
        assertThat(result.json().size()).isEqualTo(1);
    }

    @Test
    void databaseHealthIsConnected() {
        Result result = TestApp.client(APP).get("/health/db", null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("status").asText()).isEqualTo("healthy");
        assertThat(result.json().get("database").asText()).isEqualTo("connected");
    }

    @Test
    void adminHealthcheckIncludesDatabase() {
        ApiClient admin = new ApiClient("http://127.0.0.1:" + APP.getAdminPort());

        Result result = admin.get("/healthcheck", null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("database").get("healthy").asBoolean()).isTrue();
    }

    @Test
    void unreachableDatabaseIs503WithoutDriverText() throws Exception {
        String database = "hush_health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase.get().execute("CREATE DATABASE " + database);
        DropwizardTestSupport<HushConfiguration> app =
                TestApp.supportOn(TestDatabase.get().jdbcUrlOf(database));
        app.before();
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + app.getLocalPort());
            ApiClient admin = new ApiClient("http://127.0.0.1:" + app.getAdminPort());
            assertThat(client.get("/health/db", null).status()).isEqualTo(200);
            String token = client.unlock();

            cutOff(database);
            Result apiDown = client.get("/api/messages/" + UUID.randomUUID(), token);
            assertThat(apiDown.status()).as("API call without database: %s", apiDown.text()).isEqualTo(503);
            assertThat(apiDown.json().get("error").asText()).isEqualTo("unavailable");
            assertThat(apiDown.text().toLowerCase(Locale.ROOT)).doesNotContain("sql").doesNotContain(database);

            Result down = client.get("/health/db", null);
            Result alive = client.get("/health", null);
            Result adminCheck = admin.get("/healthcheck", null);

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Content-Type")).startsWith("application/json");
            assertThat(down.json().get("status").asText()).isEqualTo("unhealthy");
            assertThat(down.json().get("database").asText()).isEqualTo("unavailable");
            assertThat(down.json().size()).isEqualTo(2);
            assertThat(down.text().toLowerCase(Locale.ROOT))
                    .doesNotContain("postgres").doesNotContain("sql").doesNotContain("exception")
                    .doesNotContain("connection").doesNotContain(database);
            assertThat(alive.status()).isEqualTo(200);
            assertThat(adminCheck.status()).isEqualTo(500);
            assertThat(adminCheck.json().get("database").get("healthy").asBoolean()).isFalse();
            assertThat(adminCheck.text().toLowerCase(Locale.ROOT)).doesNotContain("psql");

            TestDatabase.get().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            assertThat(waitForHealthy(client)).as("/health/db after the database returns").isEqualTo(200);
        } finally {
            app.after();
            TestDatabase.get().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            TestDatabase.get().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * Refuses new connections to the database and ends the ones the pool holds, waiting until they
     * are gone, because pg_terminate_backend only signals the backends.
     */
    private static void cutOff(String database) throws Exception {
        TestDatabase.get().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        TestDatabase.get().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = '" + database + "'");
        for (int attempt = 0; attempt < 50 && sessionCount(database) > 0; attempt++) {
            Thread.sleep(100);
        }
        assertThat(sessionCount(database)).as("sessions left on %s", database).isZero();
    }

    private static long sessionCount(String database) throws SQLException {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            select.setString(1, database);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int waitForHealthy(ApiClient client) throws InterruptedException {
        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
            status = client.get("/health/db", null).status();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        return status;
    }
}
