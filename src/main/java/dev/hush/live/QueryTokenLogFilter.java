package dev.hush.live;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.hush.logging.TurboFilters;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps {@code /ws?token=<JWT>} out of Jetty's log lines. Jetty 12.1 prints a WebSocket
 * session's request URI, query string included, when it logs the session (mostly at DEBUG). A
 * Jetty event whose text or error contains {@code token=} is dropped and logged again with the
 * value replaced by {@code [redacted]} and without the stack trace.
 */
public final class QueryTokenLogFilter extends TurboFilter {
    static final String NAME = "hush-query-token-redaction";
    private static final String JETTY = "org.eclipse.jetty";
    /** A {@code token=} parameter not yet redacted, up to the next separator. */
    private static final Pattern TOKEN =
            Pattern.compile("(?i)(token=)(?!\\[redacted])[^&\\s,;\\]}\"']+");
    private static final String FQCN = QueryTokenLogFilter.class.getName();
    private static final int MAX_CAUSES = 10;

    /** Adds the filter to logback unless present; each app start may have reset logging. */
    public static void install() {
        TurboFilters.installOnce(NAME, QueryTokenLogFilter::new);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format,
            Object[] params, Throwable error) {
        if (format == null || level == null || !logger.getName().startsWith(JETTY)
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        FormattingTuple formatted = MessageFormatter.arrayFormat(format, params, error);
        Throwable thrown = formatted.getThrowable();
        String message = formatted.getMessage();
        String errorText = thrown == null ? "" : describe(thrown);
        if (!TOKEN.matcher(message).find() && !TOKEN.matcher(errorText).find()) {
            return FilterReply.NEUTRAL;
        }
        String redacted = redact(message) + (thrown == null ? "" : " error=" + redact(errorText));
        logger.log(marker, FQCN, Level.toLocationAwareLoggerInteger(level), redacted, null, null);
        return FilterReply.DENY;
    }

    static String redact(String text) {
        return TOKEN.matcher(text).replaceAll("$1[redacted]");
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(cause);
            cause = cause.getCause();
        }
        return text.toString();
    }
}
