package dev.hush.health;

import dev.hush.core.LogThrottle;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the database returns a trivial query's result within a couple of seconds. */
public final class DatabaseProbe {
    private static final Logger LOGGER = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final Jdbi jdbi;
    private final LogThrottle failureLog = new LogThrottle(10, TimeUnit.SECONDS);

    public DatabaseProbe(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public boolean isReachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                    .setQueryTimeout(QUERY_TIMEOUT_SECONDS)
                    .mapTo(Integer.class)
                    .one()) == 1;
        } catch (RuntimeException e) {
            int suppressed = failureLog.tryLog();
            if (suppressed >= 0) {
                LOGGER.warn("Database health probe failed: error={} suppressed={}",
                        e.getClass().getSimpleName(), suppressed);
            }
            return false;
        }
    }
}
