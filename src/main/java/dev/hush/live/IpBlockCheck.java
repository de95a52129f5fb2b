package dev.hush.live;

import dev.hush.db.BlockedIpDao;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Tells whether a client IP is blocked right now; asked once when a socket connects. */
@FunctionalInterface
public interface IpBlockCheck {
    boolean isBlocked(String ip);

    /** Returns a check that reads {@code blocked_ips} on every call. */
    static IpBlockCheck fromDatabase(Jdbi jdbi, Clock clock) {
        return ip -> jdbi.withExtension(BlockedIpDao.class,
                dao -> dao.findActive(ip, clock.instant())).isPresent();
    }
}
