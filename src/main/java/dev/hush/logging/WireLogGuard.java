package dev.hush.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops DEBUG and TRACE events of the libraries that see raw requests and SQL: at those levels
 * Jetty prints headers (bearer tokens) and body bytes (the words, ciphertext), and the JDBC
 * layers can print bound values. The filter applies even when an operator raises those loggers
 * with the admin {@code log-level} task, so no log level can make them leak a secret.
 */
public final class WireLogGuard extends TurboFilter {
    static final String NAME = "hush-wire-log-guard";
    static final List<String> GUARDED = List.of(
            "org.eclipse.jetty", "org.glassfish.jersey", "org.postgresql", "org.jdbi",
            "org.apache.tomcat.jdbc");

    /** Adds the filter to logback unless present; each app start may have reset logging. */
    public static void install() {
        TurboFilters.installOnce(NAME, WireLogGuard::new);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format,
            Object[] params, Throwable error) {
        if (level == null || level.isGreaterOrEqual(Level.INFO) || !isGuarded(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }

    private static boolean isGuarded(String name) {
        for (String prefix : GUARDED) {
            if (name.equals(prefix) || name.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }
}
