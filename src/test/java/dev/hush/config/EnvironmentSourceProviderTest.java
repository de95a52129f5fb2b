package dev.hush.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentSourceProviderTest {
    private static final String AUTH_HASH = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String JWT_SECRET = "j".repeat(40);

    @Test
    void substitutesVariables() throws IOException {
        String text = read("hash: ${AUTH_HASH}\nsecret: ${JWT_SECRET}\n",
                Map.of("AUTH_HASH", AUTH_HASH, "JWT_SECRET", JWT_SECRET));

        assertThat(text).isEqualTo("hash: \"" + AUTH_HASH + "\"\nsecret: \"" + JWT_SECRET + "\"\n");
    }

    @Test
    void defaultsApplyWhenUnset() throws IOException {
        String text = read("minutes: ${JWT_EXPIRE_MINUTES:-60}\nproxies: ${TRUSTED_PROXIES:-}\n", Map.of());

        assertThat(text).isEqualTo("minutes: 60\nproxies: \n");
    }

    @Test
    void setValueWinsOverDefault() throws IOException {
        assertThat(read("minutes: ${JWT_EXPIRE_MINUTES:-60}", Map.of("JWT_EXPIRE_MINUTES", "15")))
                .isEqualTo("minutes: \"15\"");
    }

    @Test
    void missingRequiredVariableIsNamed() {
        assertThatThrownBy(() -> read("a: ${DATABASE_URL}\nb: ${AUTH_HASH}\n", Map.of("DATABASE_URL",
                "jdbc:postgresql://db/hush")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.variable()).isEqualTo("AUTH_HASH");
                    assertThat(e.getMessage()).startsWith("AUTH_HASH ").contains("not set");
                });
    }

    @Test
    void shortJwtSecretIsRejectedWithoutItsValue() {
        String shortSecret = "only-31-bytes-of-secret-value!!";

        assertThatThrownBy(() -> read("s: ${JWT_SECRET}", Map.of("JWT_SECRET", shortSecret)))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.variable()).isEqualTo("JWT_SECRET");
                    assertThat(e.getMessage()).contains("32").doesNotContain(shortSecret);
                });
    }

    @Test
    void authHashMustBeBase64Of32Bytes() {
        String thirtyOneBytes = Base64.getEncoder().encodeToString(new byte[31]);
        for (String value : new String[] {"not base64 at all!", thirtyOneBytes, "", "c2VjcmV0"}) {
            assertThatThrownBy(() -> read("h: ${AUTH_HASH}", Map.of("AUTH_HASH", value)))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                        assertThat(e.variable()).isEqualTo("AUTH_HASH");
                        if (!value.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(value);
                        }
                    });
        }
    }

    @Test
    void invalidValuesNameTheirVariable() {
        Map<String, String> bad = Map.of(
                "JWT_ALGORITHM", "none",
                "JWT_EXPIRE_MINUTES", "0",
                "MAX_AUTH_FAILURES", "101",
                "FAILURE_MODE", "explode",
                "PANIC_MODE", "yes",
                "BACKEND_PORT", "70000",
                "FRONTEND_URL", "https://chat.example.org/",
                "TRUSTED_PROXIES", "10.0.0.0/33",
                "MAX_CIPHERTEXT_BYTES", "lots",
                "DATABASE_URL", "mysql://db/hush");

        bad.forEach((name, value) -> assertThatThrownBy(
                        () -> read("v: ${" + name + ":-x}", Map.of(name, value)))
                .as(name)
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.variable()).isEqualTo(name)));
    }

    @Test
    void valuesAreNotSubstitutedAgain() throws IOException {
        Map<String, String> variables = new HashMap<>();
        variables.put("JWT_SECRET", "j".repeat(32) + "${AUTH_HASH}$${x}");
        variables.put("AUTH_HASH", AUTH_HASH);

        assertThat(yamlValue("s: ${JWT_SECRET}", variables)).isEqualTo("j".repeat(32) + "${AUTH_HASH}$${x}");
    }

    @Test
    void secretsWithYamlSyntaxReadBackUnchanged() throws IOException {
        String padding = "x".repeat(32);
        for (String secret : new String[] {"!tag" + padding, "*alias" + padding, "&anchor" + padding,
            "key: value " + padding, padding + " #not a comment", "\"quoted" + padding,
            "'single" + padding, "[list" + padding, "{map" + padding, "back\\slash" + padding,
            "line\nbreak" + padding, "tab\there" + padding, "12345678901234567890123456789012345",
            "true", "null", "~", "- dash" + padding, "% percent" + padding, "@at" + padding,
            "|" + padding, ">" + padding, "\u00e9t\u00e9 \u2028 " + padding}) {
            assertThat(yamlValue("jwt:\n  secret: ${SOME_SECRET}  # the key\n", Map.of("SOME_SECRET", secret)))
                    .as("secret %s", secret)
                    .isEqualTo(secret);
        }
    }

    @Test
    void referenceInsideLongerTextIsNotQuoted() throws IOException {
        assertThat(read("url: jdbc:postgresql://${DB_HOST}/hush", Map.of("DB_HOST", "db")))
                .isEqualTo("url: jdbc:postgresql://db/hush");
    }

    @Test
    void listItemValueIsQuoted() throws IOException {
        assertThat(read("hosts:\n  - ${BACKEND_HOST}\n", Map.of("BACKEND_HOST", "a: b")))
                .isEqualTo("hosts:\n  - \"a: b\"\n");
    }

    @Test
    void environmentWinsOverDotEnv(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve(".env"),
                "AUTH_HASH=from-file\nKDF_SALT=salt-from-file\n# comment\n", StandardCharsets.UTF_8);

        Map<String, String> variables = EnvironmentSourceProvider.loadVariables(directory,
                Map.of("AUTH_HASH", "from-environment", "PATH", "/usr/bin"));

        assertThat(variables).containsEntry("AUTH_HASH", "from-environment")
                .containsEntry("KDF_SALT", "salt-from-file")
                .containsEntry("PATH", "/usr/bin");
    }

    @Test
    void malformedDotEnvIsRejectedWithoutItsText(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve(".env"),
                "AUTH_HASH=x\nTOPSECRET line without an equals sign\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EnvironmentSourceProvider.loadVariables(directory, Map.of()))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.getMessage()).startsWith(".env ");
                    assertThat(e.getMessage()).doesNotContain("TOPSECRET");
                });
    }

    @Test
    void missingDotEnvIsFine(@TempDir Path directory) {
        assertThat(EnvironmentSourceProvider.loadVariables(directory, Map.of("A", "b")))
                .containsExactlyEntriesOf(Map.of("A", "b"));
    }

    /** Substitutes, parses the result as YAML and returns its only leaf value. */
    private static String yamlValue(String config, Map<String, String> variables) throws IOException {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(read(config, variables));
        while (node.isContainerNode()) {
            node = node.elements().next();
        }
        return node.asText();
    }

    private static String read(String config, Map<String, String> variables) throws IOException {
        ConfigurationSourceProvider file =
                path -> new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new EnvironmentSourceProvider(file, variables).open("config.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
