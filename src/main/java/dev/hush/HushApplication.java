package dev.hush;

import com.codahale.metrics.MetricRegistry;
import dev.hush.auth.BearerTokenFilter;
import dev.hush.auth.JsonUnauthorizedHandler;
import dev.hush.auth.TokenService;
import dev.hush.auth.VaultSession;
import dev.hush.cli.HushDbCommand;
import dev.hush.cli.HushServerCommand;
import dev.hush.cli.NewVaultCommand;
import dev.hush.config.EnvironmentSourceProvider;
import dev.hush.config.HushConfiguration;
import dev.hush.core.MessageService;
import dev.hush.core.ThreadService;
import dev.hush.core.UnlockService;
import dev.hush.db.SchemaMigrator;
import dev.hush.errors.ApiExceptionMapper;
import dev.hush.errors.JsonInputExceptionMapper;
import dev.hush.errors.UnexpectedExceptionMapper;
import dev.hush.errors.WebApplicationExceptionMapper;
import dev.hush.health.DatabaseHealthCheck;
import dev.hush.health.DatabaseProbe;
import dev.hush.http.BodySizeLimitFilter;
import dev.hush.http.ClientIpResolver;
import dev.hush.http.CorsFilter;
import dev.hush.http.SecurityHeadersFilter;
import dev.hush.resources.AuthResource;
import dev.hush.resources.HealthResource;
import dev.hush.resources.MessageResource;
import dev.hush.resources.ThreadResource;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.EnumSet;
import org.jdbi.v3.core.Jdbi;

/** The HUSH service: wires configuration, database, security and resources by hand. */
public class HushApplication extends Application<HushConfiguration> {
    private final Clock clock;

    public HushApplication() {
        this(Clock.systemUTC());
    }

    public HushApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        new HushApplication().run(args);
    }

    @Override
    public String getName() {
        return "hush";
    }

    @Override
    protected void addDefaultCommands(Bootstrap<HushConfiguration> bootstrap) {
        bootstrap.addCommand(new HushServerCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<HushConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new EnvironmentSourceProvider(
                bootstrap.getConfigurationSourceProvider(), EnvironmentSourceProvider.loadVariables()));
        bootstrap.addCommand(new HushDbCommand());
        bootstrap.addCommand(new NewVaultCommand());
    }

    @Override
    public void run(HushConfiguration config, Environment environment) throws Exception {
        Jdbi jdbi = openDatabase(config, environment);
        DatabaseProbe probe = new DatabaseProbe(jdbi);
        environment.healthChecks().register("database", new DatabaseHealthCheck(probe));

        ClientIpResolver clientIps = new ClientIpResolver(config.defense().trustedProxyRanges());
        TokenService tokens = new TokenService(config.jwt(), clock);
        registerFilters(config, environment);
        registerErrorMappers(environment);
        registerAuth(environment, tokens);

        UnlockService unlocks = new UnlockService(jdbi, config.vault().authHashBytes(), config.defense(),
                tokens, clock);
        int maxCiphertext = config.http().maxCiphertextBytes();
        environment.jersey().register(new AuthResource(unlocks, clientIps, config.vault().kdfSalt()));
        environment.jersey().register(new ThreadResource(new ThreadService(jdbi), maxCiphertext));
        environment.jersey().register(new MessageResource(new MessageService(jdbi), maxCiphertext));
        environment.jersey().register(new HealthResource(probe));
    }

    /**
     * Applies pending migrations before anything serves, then builds the pool and returns JDBI.
     * Liquibase runs on its own short-lived pool: it turns auto-commit off on its connection,
     * and a connection handed back in that state would leave every later write uncommitted.
     */
    private static Jdbi openDatabase(HushConfiguration config, Environment environment) throws Exception {
        ManagedDataSource migrationSource = config.dataSourceFactory()
                .build(new MetricRegistry(), "postgresql-migrations");
        try {
            new SchemaMigrator(migrationSource).migrate();
        } finally {
            migrationSource.stop();
        }
        return new JdbiFactory().build(environment, config.dataSourceFactory(), "postgresql");
    }

    private static void registerFilters(HushConfiguration config, Environment environment) {
        addFilter(environment, "security-headers", new SecurityHeadersFilter(), "/*");
        addFilter(environment, "cors", new CorsFilter(config.http().frontendUrl()), "/*");
        addFilter(environment, "body-size-limit", new BodySizeLimitFilter(config.http().maxBodyBytes()), "/api/*");
    }

    private static void addFilter(Environment environment, String name, Filter filter, String path) {
        environment.servlets().addFilter(name, filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, path);
    }

    private static void registerErrorMappers(Environment environment) {
        environment.jersey().register(new ApiExceptionMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonInputExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());
    }

    private static void registerAuth(Environment environment, TokenService tokens) {
        BearerTokenFilter filter = new BearerTokenFilter.Builder()
                .setAuthenticator(tokens::verify)
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .setPrefix("Bearer")
                .buildAuthFilter();
        environment.jersey().register(new AuthDynamicFeature(filter));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(VaultSession.class));
    }
}
