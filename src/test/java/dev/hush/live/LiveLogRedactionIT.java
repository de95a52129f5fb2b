package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Jetty's DEBUG lines print WebSocket request URIs with the token; they must never reach the
 * log, even when an operator sets Jetty's loggers to DEBUG.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LiveLogRedactionIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    @Test
    void jettyDebugLinesNeverReachTheLog() throws Exception {
        ApiClient client = TestApp.client(APP);
        String token = client.unlock();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        List<ILoggingEvent> events = captureJettyDebug(() -> {
            try (LiveClient socket = LiveClient.connect(client.baseUrl(), token)) {
                socket.send(Map.of("type", "ping"));
                socket.next("pong");
            }
            Thread.sleep(500);
        });

        assertThat(events).noneMatch(event -> event.getLevel().toInt() < Level.INFO.toInt());
        for (ILoggingEvent event : events) {
            String text = event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                text += ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            assertThat(text).doesNotContain(signature);
        }
    }

    @Test
    void redactReplacesEveryTokenValue() {
        String line = "GET /ws?token=abc.def.ghi&x=1 and ws://h/ws?token=zzz}";

        assertThat(QueryTokenLogFilter.redact(line))
                .isEqualTo("GET /ws?token=[redacted]&x=1 and ws://h/ws?token=[redacted]}");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static List<ILoggingEvent> captureJettyDebug(Action action) throws Exception {
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        Level level = jetty.getLevel();
        boolean additive = jetty.isAdditive();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        jetty.addAppender(captured);
        jetty.setAdditive(false);
        jetty.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            jetty.setLevel(level);
            jetty.setAdditive(additive);
            jetty.detachAppender(captured);
        }
        synchronized (captured.list) {
            return List.copyOf(captured.list);
        }
    }
}
