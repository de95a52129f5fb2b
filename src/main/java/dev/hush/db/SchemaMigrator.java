package dev.hush.db;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending changeSets of {@code migrations.xml} before the server serves, so a fresh
 * database needs no manual step. Liquibase's usage analytics stay off, so migrating contacts no
 * host but the database, and a changelog lock left by a crashed run fails start-up after
 * {@link #LOCK_WAIT_MINUTES} with the command that releases it.
 */
public final class SchemaMigrator {
    public static final String CHANGELOG = "migrations.xml";
    public static final int LOCK_WAIT_MINUTES = 1;
    public static final String RELEASE_LOCK_COMMAND = "java -jar hush.jar db locks --force-release config.yml";
    private static final Logger LOGGER = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Settings for every Liquibase run from code: no analytics, bounded lock waits. */
    public static Map<String, Object> scopeSettings() {
        return Map.of(
                Scope.Attr.ui.name(), new LoggerUIService(),
                "liquibase.analytics.enabled", false,
                "liquibase.changelogLockWaitTimeInMinutes", LOCK_WAIT_MINUTES,
                "liquibase.changelogLockPollRate", 5);
    }

    public void migrate() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(scopeSettings(), () -> update(connection));
        } catch (Exception e) {
            if (!causedByLockTimeout(e)) {
                throw e;
            }
            throw new MigrationLockTimeoutException("Database migration could not take the Liquibase "
                    + "changelog lock within " + LOCK_WAIT_MINUTES + " minute(s). If no other HUSH instance is "
                    + "migrating, a crashed run left it behind: release it with '" + RELEASE_LOCK_COMMAND + "'", e);
        }
    }

    private static void update(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
        int pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
        if (pending == 0) {
            LOGGER.info("Database schema is up to date");
            return;
        }
        LOGGER.info("Applying database migrations: pending_changesets={}", pending);
        liquibase.update(new Contexts(), new LabelExpression());
        LOGGER.info("Database migrations applied");
    }

    private static boolean causedByLockTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockException) {
                return true;
            }
        }
        return false;
    }
}
