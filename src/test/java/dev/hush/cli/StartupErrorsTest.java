package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.InvalidSettingException;
import dev.hush.config.HushConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartupErrorsTest {
    @Test
    void invalidSettingIsOneLineNamingVariable() {
        StringWriter out = new StringWriter();

        boolean printed = StartupErrors.printIfConfigurationError(
                new InvalidSettingException("JWT_SECRET", "must be at least 32 bytes long"), new PrintWriter(out));

        assertThat(printed).isTrue();
        assertThat(out.toString()).isEqualTo("Configuration error: JWT_SECRET must be at least 32 bytes long"
                + System.lineSeparator());
    }

    @Test
    void invalidSettingIsFoundAmongCauses() {
        StringWriter out = new StringWriter();
        Exception wrapped = new IllegalStateException("outer",
                new RuntimeException("middle", new InvalidSettingException("AUTH_HASH", "is not valid base64")));

        boolean printed = StartupErrors.printIfConfigurationError(wrapped, new PrintWriter(out));

        assertThat(printed).isTrue();
        assertThat(out.toString().lines()).containsExactly("Configuration error: AUTH_HASH is not valid base64");
    }

    @Test
    void configurationExceptionIsOneLineWithoutYamlSnippet() {
        StringWriter out = new StringWriter();
        ConfigurationException parsing = parse("jwt:\n  secret: TOPSECRET: value\n");

        boolean printed = StartupErrors.printIfConfigurationError(parsing, new PrintWriter(out));

        assertThat(printed).isTrue();
        assertThat(out.toString().lines()).hasSize(1);
        assertThat(out.toString()).startsWith("Configuration error: ")
                .contains("line: 2").doesNotContain("TOPSECRET");
    }

    @Test
    void validationErrorIsOneLine() {
        StringWriter out = new StringWriter();
        ConfigurationValidationException validation = new ConfigurationValidationException("config.yml",
                Set.of());

        boolean printed = StartupErrors.printIfConfigurationError(validation, new PrintWriter(out));

        assertThat(printed).isTrue();
        assertThat(out.toString().lines()).hasSize(1);
    }

    private static ConfigurationException parse(String yaml) {
        YamlConfigurationFactory<HushConfiguration> factory = new YamlConfigurationFactory<>(
                HushConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        try {
            factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
        } catch (ConfigurationException e) {
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the YAML parsed");
    }

    @Test
    void missingConfigurationFileIsOneLine() {
        StringWriter out = new StringWriter();

        boolean printed = StartupErrors.printIfConfigurationError(
                new FileNotFoundException("File nosuch.yml not found"), new PrintWriter(out));

        assertThat(printed).isTrue();
        assertThat(out.toString().lines()).singleElement().asString()
                .startsWith("Configuration error: File nosuch.yml not found");
    }

    @Test
    void otherErrorsAreLeftToCaller() {
        StringWriter out = new StringWriter();

        boolean printed = StartupErrors.printIfConfigurationError(new IOException("disk"), new PrintWriter(out));

        assertThat(printed).isFalse();
        assertThat(out.toString()).isEmpty();
    }
}
