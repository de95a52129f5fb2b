package dev.hush.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Data access for {@code blocked_ips}. */
@RegisterConstructorMapper(BlockedIpRow.class)
public interface BlockedIpDao {
    String COLUMNS = "host(ip_address) AS ip_address, blocked_at, expires_at, reason";

    /** Returns the IP's block if it is permanent or expires after {@code now}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM blocked_ips WHERE ip_address = :ip::inet "
            + "AND (expires_at IS NULL OR expires_at > :now)")
    Optional<BlockedIpRow> findActive(@Bind("ip") String ip, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM blocked_ips WHERE expires_at IS NULL OR expires_at > :now "
            + "ORDER BY blocked_at")
    List<BlockedIpRow> findAllActive(@Bind("now") Instant now);

    /** Blocks the IP, replacing an older block; a null {@code expiresAt} blocks it for good. */
    @SqlUpdate("INSERT INTO blocked_ips (ip_address, blocked_at, expires_at, reason) "
            + "VALUES (:ip::inet, :now, :expiresAt, :reason) ON CONFLICT (ip_address) DO UPDATE SET "
            + "blocked_at = excluded.blocked_at, expires_at = excluded.expires_at, reason = excluded.reason")
    void block(@Bind("ip") String ip, @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt,
            @Bind("reason") String reason);

    @SqlUpdate("DELETE FROM blocked_ips WHERE ip_address = :ip::inet")
    int unblock(@Bind("ip") String ip);
}
