package dev.hush.testing;

import dev.hush.HushApplication;
import dev.hush.config.HushConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Builds a real HUSH server for a test class, on random ports, against the test database. */
public final class TestApp {
    /** The words whose hash is the AUTH_HASH in {@code test-config.yml}. */
    public static final String WORDS =
            "abandon ability able about above absent absorb abstract absurd abuse access accident";
    public static final String KDF_SALT = "c2FsdHNhbHRzYWx0c2FsdA==";
    public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-keys";

    private TestApp() {
    }

    public static DropwizardAppExtension<HushConfiguration> extension(ConfigOverride... overrides) {
        return new DropwizardAppExtension<>(HushApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                withDatabase(TestDatabase.get().jdbcUrl(), overrides));
    }

    /** Builds a real server from application instances the supplier makes, such as one with a test clock. */
    public static DropwizardAppExtension<HushConfiguration> extension(Supplier<HushApplication> factory,
            ConfigOverride... overrides) {
        return new DropwizardAppExtension<>(support(factory, overrides));
    }

    /** Builds a server to start and stop by hand with {@code before()} and {@code after()}. */
    public static DropwizardTestSupport<HushConfiguration> support(Supplier<HushApplication> factory,
            ConfigOverride... overrides) {
        return new DropwizardTestSupport<>(HushApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                withDatabase(TestDatabase.get().jdbcUrl(), overrides)) {
            @Override
            public Application<HushConfiguration> newApplication() {
                return factory.get();
            }
        };
    }

    /** Builds a server the test starts and stops itself, for example to restart it. */
    public static DropwizardTestSupport<HushConfiguration> support(ConfigOverride... overrides) {
        return supportOn(TestDatabase.get().jdbcUrl(), overrides);
    }

    /**
     * Builds a server on another database. The URL cannot be passed as a second databaseUrl
     * override, because DropwizardTestSupport keeps overrides in a set and applies them in no
     * fixed order.
     */
    public static DropwizardTestSupport<HushConfiguration> supportOn(String jdbcUrl,
            ConfigOverride... overrides) {
        return new DropwizardTestSupport<>(HushApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), withDatabase(jdbcUrl, overrides));
    }

    private static ConfigOverride[] withDatabase(String jdbcUrl, ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("databaseUrl", jdbcUrl));
        all.addAll(Arrays.asList(overrides));
        return all.toArray(ConfigOverride[]::new);
    }

    public static ApiClient client(DropwizardAppExtension<HushConfiguration> app) {
        return new ApiClient("http://127.0.0.1:" + app.getLocalPort());
    }
}
