package dev.hush;

import com.codahale.metrics.MetricRegistry;
import dev.hush.api.StrictJson;
import dev.hush.auth.BearerTokenFilter;
import dev.hush.auth.JsonUnauthorizedHandler;
import dev.hush.auth.TokenService;
import dev.hush.auth.VaultSession;
import dev.hush.cli.HushCheckCommand;
import dev.hush.cli.HushDbCommand;
import dev.hush.cli.HushServerCommand;
import dev.hush.cli.NewVaultCommand;
import dev.hush.config.EnvironmentSourceProvider;
import dev.hush.config.HushConfiguration;
import dev.hush.core.BlockCache;
import dev.hush.core.BlockService;
import dev.hush.core.Defense;
import dev.hush.core.DefenseMetrics;
import dev.hush.core.DefenseRefresh;
import dev.hush.core.MessageService;
import dev.hush.core.PanicMode;
import dev.hush.core.ProcessExit;
import dev.hush.core.RateLimiter;
import dev.hush.core.ThreadService;
import dev.hush.core.UnlockService;
import dev.hush.core.VaultShutdown;
import dev.hush.core.WipeGeneration;
import dev.hush.core.WipeService;
import dev.hush.db.DatabaseReachability;
import dev.hush.db.SchemaMigrator;
import dev.hush.errors.ApiExceptionMapper;
import dev.hush.errors.JsonErrorHandler;
import dev.hush.errors.JsonInputExceptionMapper;
import dev.hush.errors.UnexpectedExceptionMapper;
import dev.hush.errors.WebApplicationExceptionMapper;
import dev.hush.health.DatabaseHealthCheck;
import dev.hush.health.DatabaseProbe;
import dev.hush.http.BodySizeLimitFilter;
import dev.hush.http.ClientIpResolver;
import dev.hush.http.CorsFilter;
import dev.hush.http.DefenseFilter;
import dev.hush.http.SecurityHeadersFilter;
import dev.hush.live.LiveChannel;
import dev.hush.live.LiveHub;
import dev.hush.logging.WireLogGuard;
import dev.hush.resources.AuthResource;
import dev.hush.resources.HealthResource;
import dev.hush.resources.MessageResource;
import dev.hush.resources.ThreadResource;
import dev.hush.tasks.BlockedIpsTask;
import dev.hush.tasks.PanicModeTask;
import dev.hush.tasks.PanicTask;
import dev.hush.tasks.UnblockIpTask;
import dev.hush.tasks.WipeTask;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** The HUSH service: wires configuration, database, security and resources by hand. */
public class HushApplication extends Application<HushConfiguration> {
    private static final Duration EXIT_HALT_AFTER = Duration.ofSeconds(30);

    private final Clock clock;
    private final ProcessExit processExit;

    public HushApplication() {
        this(Clock.systemUTC());
    }

    public HushApplication(Clock clock) {
        this(clock, ProcessExit.system(EXIT_HALT_AFTER));
    }

    /** Builds the application with a clock and a process exit that tests may replace. */
    public HushApplication(Clock clock, ProcessExit processExit) {
        this.clock = clock;
        this.processExit = processExit;
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
        bootstrap.addCommand(new HushCheckCommand(this));
    }

    @Override
    public void initialize(Bootstrap<HushConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(
                new EnvironmentSourceProvider(bootstrap.getConfigurationSourceProvider()));
        bootstrap.addCommand(new HushDbCommand());
        bootstrap.addCommand(new NewVaultCommand());
    }

    @Override
    public void run(HushConfiguration config, Environment environment) throws Exception {
        WireLogGuard.install();
        StrictJson.configure(environment.getObjectMapper(), config.http().maxBodyBytes());
        Jdbi jdbi = openDatabase(config, environment);
        DatabaseProbe probe = new DatabaseProbe(jdbi);
        environment.healthChecks().register("database", new DatabaseHealthCheck(probe));

        ClientIpResolver clientIps = new ClientIpResolver(config.defense().trustedProxyRanges());
        WipeGeneration wipeGeneration = new WipeGeneration();
        TokenService tokens = new TokenService(config.jwt(), clock, wipeGeneration::current);
        registerFilters(config, environment);
        registerErrorMappers(environment);
        registerJsonErrorPages(environment);
        registerAuth(environment, tokens);

        Defense defense = registerDefense(config, environment, jdbi, clientIps, wipeGeneration);
        MessageService messages = new MessageService(jdbi, environment.metrics().counter("hush.messages.stored"));
        registerResources(config, environment, jdbi, messages, tokens, clientIps, defense, probe);
        registerLive(config, environment, jdbi, messages, tokens, clientIps, defense, wipeGeneration);
    }

    private static void registerResources(HushConfiguration config, Environment environment, Jdbi jdbi,
            MessageService messages, TokenService tokens, ClientIpResolver clientIps, Defense defense,
            DatabaseProbe probe) {
        UnlockService unlocks = new UnlockService(jdbi, config.vault().authHashBytes(), tokens, defense);
        int maxCiphertext = config.http().maxCiphertextBytes();
        environment.jersey().register(new AuthResource(unlocks, clientIps, config.vault().kdfSalt()));
        environment.jersey().register(new ThreadResource(new ThreadService(jdbi), maxCiphertext));
        environment.jersey().register(new MessageResource(messages, maxCiphertext));
        environment.jersey().register(new HealthResource(probe));
    }

    /**
     * Adds the /ws live channel, which checks the defense's in-memory block list at connect and
     * closes the sockets of sessions that a wipe ended.
     */
    private void registerLive(HushConfiguration config, Environment environment, Jdbi jdbi,
            MessageService messages, TokenService tokens, ClientIpResolver clientIps, Defense defense,
            WipeGeneration wipeGeneration) {
        LiveHub hub = LiveChannel.register(config, environment, jdbi, messages, tokens, clientIps,
                defense.blocks(), defense.rateLimiter()::tryAcquireApi, wipeGeneration::current, clock);
        wipeGeneration.addListener(hub::closeSessionsBefore);
    }

    /**
     * Applies pending migrations before anything serves, then builds the pool and returns JDBI.
     * Liquibase runs on its own short-lived pool: it turns auto-commit off on its connection,
     * and a connection handed back in that state would leave every later write uncommitted.
     */
    private static Jdbi openDatabase(HushConfiguration config, Environment environment) throws Exception {
        DatabaseReachability.require(config.dataSourceFactory());
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

    /**
     * Builds the failure policy, blocks, rate limits and panic mode; loads their state before the
     * server serves; guards {@code /api} and {@code /ws} with them; and adds the admin tasks.
     */
    private Defense registerDefense(HushConfiguration config, Environment environment, Jdbi jdbi,
            ClientIpResolver clientIps, WipeGeneration wipeGeneration) {
        BlockCache blocks = new BlockCache(now -> BlockService.loadActive(jdbi, now), clock);
        DefenseMetrics metrics = DefenseMetrics.register(environment.metrics());
        Defense defense = new Defense(config.defense(), clock, blocks, new BlockService(jdbi, blocks, clock),
                new RateLimiter(config.rateLimits()), new WipeService(jdbi, blocks, metrics.wipes(), wipeGeneration),
                new PanicMode(jdbi, config.defense().panicMode()), new VaultShutdown(processExit), metrics);

        DefenseRefresh refresh = new DefenseRefresh(jdbi, defense);
        refresh.load();
        ScheduledExecutorService refresher = environment.lifecycle()
                .scheduledExecutorService("hush-defense-refresh").threads(1).build();
        long interval = DefenseRefresh.INTERVAL.toMillis();
        refresher.scheduleWithFixedDelay(refresh, interval, interval, TimeUnit.MILLISECONDS);

        DefenseFilter filter = new DefenseFilter(clientIps, blocks, defense.rateLimiter(), defense.shutdown(),
                environment.getObjectMapper());
        environment.servlets().addFilter("defense", filter).addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST), true, "/api/*", "/ws", "/ws/*");

        environment.admin().addTask(new WipeTask(defense.wipes()));
        environment.admin().addTask(new PanicTask(defense.wipes(), defense.shutdown()));
        environment.admin().addTask(new PanicModeTask(defense.panicMode()));
        environment.admin().addTask(new UnblockIpTask(defense.blockService()));
        environment.admin().addTask(new BlockedIpsTask(defense.blockService()));
        return defense;
    }

    /** Makes Jetty's own error responses, on both ports and at server level, JSON too. */
    private static void registerJsonErrorPages(Environment environment) {
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.getAdminContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addServerLifecycleListener(
                server -> server.setErrorHandler(new JsonErrorHandler()));
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
