package dev.hush.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WireLogGuardTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger jetty = context.getLogger("org.eclipse.jetty.http.HttpParser");
    private final Logger hush = context.getLogger("dev.hush.logging.Probe");

    @BeforeEach
    void attach() {
        WireLogGuard.install();
        appender.setContext(context);
        appender.start();
        jetty.addAppender(appender);
        hush.addAppender(appender);
        jetty.setLevel(Level.DEBUG);
        hush.setLevel(Level.DEBUG);
    }

    @AfterEach
    void detach() {
        jetty.detachAppender(appender);
        hush.detachAppender(appender);
        jetty.setLevel(null);
        hush.setLevel(null);
    }

    @Test
    void jettyDebugIsDroppedEvenWhenEnabled() {
        jetty.debug("parsedHeader(Authorization: Bearer eyJ.secret.token)");

        assertThat(appender.list).isEmpty();
    }

    @Test
    void jettyWarningsStillReachTheLog() {
        jetty.warn("bad request from peer");

        assertThat(appender.list).hasSize(1);
    }

    @Test
    void ownDebugLinesAreKept() {
        hush.debug("probe");

        assertThat(appender.list).hasSize(1);
    }

    @Test
    void installingTwiceAddsOneFilter() {
        WireLogGuard.install();

        long guards = context.getTurboFilterList().stream()
                .filter(filter -> WireLogGuard.NAME.equals(filter.getName())).count();
        assertThat(guards).isEqualTo(1);
    }
}
