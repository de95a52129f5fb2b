package dev.hush.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.sql.SQLException;
import java.util.Map;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UnexpectedExceptionMapperTest {
    private final UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void unreachableDatabaseIs503() {
        for (Throwable failure : new Throwable[] {
            new ConnectionException(new SQLException("refused")),
            new IllegalStateException(new SQLException("connection lost", "08006")),
            new RuntimeException(new SQLException("terminating connection", "57P01"))}) {
            Response response = mapper.toResponse(failure);

            assertThat(response.getStatus()).as(failure.toString()).isEqualTo(503);
            assertThat(body(response)).containsEntry("error", "unavailable");
        }
    }

    @Test
    void outageLogsOneLinePerInterval() {
        for (int i = 0; i < 100; i++) {
            mapper.toResponse(new ConnectionException(new SQLException("refused", "08001")));
        }

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("sqlstate=08001");
    }

    @Test
    void otherSqlErrorIs500WithErrorId() {
        Response response = mapper.toResponse(new IllegalStateException(new SQLException("boom", "42P01")));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(body(response)).containsEntry("error", "internal_error");
        assertThat((String) body(response).get("message")).containsPattern("error id [0-9a-f-]{36}")
                .doesNotContain("boom").doesNotContain("42P01");
        assertThat(logged.list).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).contains("error_id="));
    }

    @Test
    void bodyEndingEarlyIs400() {
        Response response = mapper.toResponse(new RuntimeException(new EOFException()));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response)).containsEntry("error", "invalid_request");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }
}
