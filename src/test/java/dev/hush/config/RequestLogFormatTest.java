package dev.hush.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every request log appender writes the path without the query string, where tokens may be. */
class RequestLogFormatTest {
    @ParameterizedTest
    @ValueSource(strings = {"config.yml", "src/test/resources/test-config.yml"})
    void requestLogOmitsQueryString(String file) throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(Path.of(file).toFile());
        JsonNode appenders = config.path("server").path("requestLog").path("appenders");

        assertThat(appenders.isArray()).isTrue();
        assertThat(appenders.size()).isPositive();
        for (JsonNode appender : appenders) {
            String format = appender.path("logFormat").asText("");
            assertThat(format).as(file).contains("%U");
            // %r, %requestURL, %q and %queryString print the query string.
            assertThat(format).as(file).doesNotContainPattern("%(r|q|requestURL|queryString)(?![A-Za-z])");
        }
    }
}
