package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as an operator would, with the real config.yml and variables set in the
 * process environment, in an empty working directory so no .env file is read.
 */
class CommandLineIT {
    private static final Path JAR = Path.of("target", "hush.jar").toAbsolutePath();
    private static final Path CONFIG = Path.of("config.yml").toAbsolutePath();

    @TempDir
    static Path workDir;

    /** The output and exit code of one run. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void copyConfig() throws IOException {
        assertThat(JAR).as("packaged jar; run mvn package first").exists();
        Files.copy(CONFIG, workDir.resolve("config.yml"));
    }

    @Test
    void missingVariableStopsServerWithOneLine() throws Exception {
        Map<String, String> variables = validVariables();
        variables.remove("AUTH_HASH");

        Run run = run(variables, "server", "config.yml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().lines()).containsExactly(
                "Configuration error: AUTH_HASH is required but not set (in the environment or in .env)");
    }

    @Test
    void invalidSecretIsNamedButNotPrinted() throws Exception {
        Map<String, String> variables = validVariables();
        variables.put("JWT_SECRET", "short-TOPSECRET");

        Run run = run(variables, "server", "config.yml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().lines()).containsExactly(
                "Configuration error: JWT_SECRET must be at least 32 bytes long");
        assertThat(run.stdout() + run.stderr()).doesNotContain("TOPSECRET");
    }

    @Test
    void badDatabaseUrlIsOneLineWithoutPassword() throws Exception {
        Map<String, String> variables = validVariables();
        variables.put("DATABASE_URL", "mysql://hush:TOPSECRET@db/hush");

        Run run = run(variables, "db", "migrate", "config.yml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().lines()).singleElement().asString()
                .startsWith("Configuration error: DATABASE_URL ");
        assertThat(run.stdout() + run.stderr()).doesNotContain("TOPSECRET");
    }

    /** Regression: the pool and the command line each printed a stack trace for a closed port. */
    @Test
    void unreachableDatabaseIsOneLine() throws Exception {
        Map<String, String> variables = validVariables();
        variables.put("DATABASE_URL", "postgresql://hush:TOPSECRET@127.0.0.1:1/hush");
        variables.put("BACKEND_PORT", "0");
        variables.put("ADMIN_PORT", "0");

        Run run = run(variables, "server", "config.yml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().lines()).singleElement().asString()
                .startsWith("Start-up failed: Cannot connect to the database named by DATABASE_URL (SQLSTATE 08001)");
        assertThat(run.stdout() + run.stderr()).doesNotContain("TOPSECRET").doesNotContain("\tat ");
    }

    /** Takes about a minute: the server waits out its bounded lock wait before it gives up. */
    @Test
    void heldMigrationLockFailsStartWithReleaseCommand() throws Exception {
        String database = "hush_lock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase.get().execute("CREATE DATABASE " + database);
        try (Connection connection = DriverManager.getConnection(TestDatabase.get().jdbcUrlOf(database));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, "
                    + "lockgranted timestamp, lockedby varchar(255))");
            statement.execute("INSERT INTO databasechangeloglock VALUES (1, true, now(), 'crashed-run')");
        }
        Map<String, String> variables = validVariables();
        variables.put("DATABASE_URL", TestDatabase.get().jdbcUrlOf(database));
        variables.put("BACKEND_PORT", "0");
        variables.put("ADMIN_PORT", "0");

        try {
            Run run = run(variables, "server", "config.yml");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stderr().lines()).singleElement().asString()
                    .startsWith("Start-up failed: Database migration could not take the Liquibase changelog lock")
                    .contains("db locks --force-release config.yml");
        } finally {
            TestDatabase.get().execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    @Test
    void checkAcceptsTrickySecret() throws Exception {
        Map<String, String> variables = validVariables();
        variables.put("JWT_SECRET", "!TOPSECRET: with # YAML \"syntax\" and more");

        Run run = run(variables, "check", "config.yml");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Configuration is OK");
        assertThat(run.stdout() + run.stderr()).doesNotContain("TOPSECRET");
    }

    @Test
    void malformedDotEnvIsOneLine(@TempDir Path otherDir) throws Exception {
        Files.copy(CONFIG, otherDir.resolve("config.yml"));
        Files.writeString(otherDir.resolve(".env"), "TOPSECRET line without an equals sign\n");

        Run run = runIn(otherDir, validVariables(), "check", "config.yml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().lines()).singleElement().asString().startsWith("Configuration error: .env ");
        assertThat(run.stdout() + run.stderr()).doesNotContain("TOPSECRET");
    }

    @Test
    void missingConfigFileIsOneLine() throws Exception {
        Run run = run(validVariables(), "check", "nosuch.yml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr().lines()).singleElement().asString()
                .startsWith("Configuration error: File nosuch.yml not found");
    }

    private static Map<String, String> validVariables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("DATABASE_URL", "postgresql://hush:pass@127.0.0.1:1/hush");
        variables.put("AUTH_HASH", "aMarProiDacMD8ASul8bYQeotaJKSntzVJhNbnqiE3s=");
        variables.put("KDF_SALT", "c2FsdHNhbHRzYWx0c2FsdA==");
        variables.put("JWT_SECRET", "test-secret-that-is-long-enough-for-hs256-keys");
        return variables;
    }

    private static Run run(Map<String, String> variables, String... arguments) throws Exception {
        return runIn(workDir, variables, arguments);
    }

    private static Run runIn(Path directory, Map<String, String> variables, String... arguments)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(variables);
        Path out = Files.createTempFile(directory, "stdout", ".txt");
        Path err = Files.createTempFile(directory, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());

        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", arguments) + " did not finish in 120 s");
        }

        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
