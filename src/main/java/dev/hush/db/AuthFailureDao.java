package dev.hush.db;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Data access for {@code auth_failures}, the failed-unlock count per client IP. */
public interface AuthFailureDao {
    /** Adds one failure for the IP in a single atomic statement and returns the new count. */
    @SqlQuery("INSERT INTO auth_failures (ip_address, failure_count) VALUES (:ip::inet, 1) "
            + "ON CONFLICT (ip_address) DO UPDATE SET "
            + "failure_count = auth_failures.failure_count + 1, last_failure_at = now() "
            + "RETURNING failure_count")
    int increment(@Bind("ip") String ip);

    @SqlQuery("SELECT coalesce((SELECT failure_count FROM auth_failures WHERE ip_address = :ip::inet), 0)")
    int count(@Bind("ip") String ip);

    @SqlUpdate("DELETE FROM auth_failures WHERE ip_address = :ip::inet")
    int clear(@Bind("ip") String ip);
}
