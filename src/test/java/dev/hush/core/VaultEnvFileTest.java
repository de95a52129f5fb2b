package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultEnvFileTest {
    private final VaultSecrets secrets =
            VaultSecrets.generate(new SecureRandom(), WordList.english());

    @Test
    void renderWritesSecretsAndDefaults() {
        String url = "jdbc:postgresql://127.0.0.1:5432/hush?user=hush&password=p";

        Map<String, String> settings = parse(VaultEnvFile.render(secrets, url));

        assertThat(settings).containsExactly(
                Map.entry("AUTH_HASH", secrets.authHash()),
                Map.entry("KDF_SALT", secrets.kdfSalt()),
                Map.entry("JWT_SECRET", secrets.jwtSecret()),
                Map.entry("JWT_ALGORITHM", "HS256"),
                Map.entry("JWT_EXPIRE_MINUTES", "60"),
                Map.entry("MAX_AUTH_FAILURES", "5"),
                Map.entry("FAILURE_MODE", "ip_temp"),
                Map.entry("IP_BLOCK_MINUTES", "60"),
                Map.entry("PANIC_MODE", "false"),
                Map.entry("FRONTEND_URL", "https://localhost"),
                Map.entry("POSTGRES_USER", "hush"),
                Map.entry("POSTGRES_DB", "hush"),
                Map.entry("POSTGRES_PASSWORD", secrets.postgresPassword()),
                Map.entry("DATABASE_URL", url));
    }

    @Test
    void renderedFileLoadsWithDotenv(@TempDir Path directory) throws IOException {
        String url = "jdbc:postgresql://db:5432/hush?user=hush&password=a%23b&ssl=true";
        String text = VaultEnvFile.render(secrets, url);
        Files.writeString(directory.resolve(".env"), text);

        Dotenv dotenv = Dotenv.configure().directory(directory.toString()).load();
        Map<String, String> loaded = dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE).stream()
                .collect(Collectors.toMap(DotenvEntry::getKey, DotenvEntry::getValue));

        assertThat(loaded).isEqualTo(parse(text));
        assertThat(loaded).containsEntry("DATABASE_URL", url);
        assertThat(loaded).containsEntry("AUTH_HASH", secrets.authHash());
    }

    @Test
    void renderStartsWithCommentHeader() {
        String text = VaultEnvFile.render(secrets, "postgresql://db/hush");

        assertThat(text).startsWith("# HUSH vault settings");
        assertThat(text).endsWith("\n");
    }

    @Test
    void renderNeverContainsWords() {
        String text = VaultEnvFile.render(secrets, "postgresql://db/hush");

        assertThat(text).doesNotContain(secrets.phrase());
    }

    @Test
    void composeDatabaseUrlPointsAtDbService() {
        assertThat(VaultEnvFile.composeDatabaseUrl("pw-_123"))
                .isEqualTo("postgresql://hush:pw-_123@db:5432/hush");
    }

    @Test
    void validateDatabaseUrlAcceptsJdbcAndLibpqForms() {
        VaultEnvFile.validateDatabaseUrl("postgresql://hush:p%23ss@db.example:5432/hush");
        VaultEnvFile.validateDatabaseUrl("postgres://hush:pass@db:5432/hush?sslmode=disable");
        VaultEnvFile.validateDatabaseUrl(
                "jdbc:postgresql://[::1]:5432/hush?user=hush&password=x&sslmode=require");
    }

    @Test
    void validateDatabaseUrlRejectsOtherSchemes() {
        String[] urls = {"mysql://db/hush", "jdbc:mysql://db/hush", "db:5432/hush", ""};

        for (String url : urls) {
            assertThatThrownBy(() -> VaultEnvFile.validateDatabaseUrl(url))
                    .as("URL %s", url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jdbc:postgresql://")
                    .hasMessageContaining("postgresql://");
        }
    }

    @Test
    void validateDatabaseUrlRejectsUnsafeCharacters() {
        String[][] cases = {
            {"postgresql://hush:pa#ss@db/hush", "U+0023 at position 21"},
            {"postgresql://hush:pa$ss@db/hush", "U+0024 at position 21"},
            {"postgresql://hush:pa ss@db/hush", "U+0020 at position 21"},
            {"postgresql://hush:pa'ss@db/hush", "U+0027 at position 21"},
            {"postgresql://hush:pa\"ss@db/hush", "U+0022 at position 21"},
            {"postgresql://hush:pa\nss@db/hush", "U+000A at position 21"},
        };

        for (String[] testCase : cases) {
            assertThatThrownBy(() -> VaultEnvFile.validateDatabaseUrl(testCase[0]))
                    .as("URL with %s", testCase[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(testCase[1])
                    .hasMessageContaining("Percent-encode");
        }
    }

    @Test
    void validateDatabaseUrlMessageOmitsPassword() {
        assertThatThrownBy(() -> VaultEnvFile.validateDatabaseUrl("postgresql://u:hunter2#@db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void renderRejectsUnsafeDatabaseUrl() {
        String injected = "postgresql://db/hush\nPANIC_MODE=true";

        assertThatThrownBy(() -> VaultEnvFile.render(secrets, injected))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    /** Parses NAME=value lines in order, skipping comments and blank lines. */
    static Map<String, String> parse(String envFile) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : envFile.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            settings.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return settings;
    }
}
