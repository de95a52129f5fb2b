package dev.hush.live;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.hush.core.MessageService;
import dev.hush.db.MessageDao;
import dev.hush.db.MessageRow;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@link MessageService.STORED_CHANNEL} over one dedicated PostgreSQL connection and
 * hands every committed message, from any instance, to the {@link LiveHub}. PostgreSQL delivers
 * notifications at commit and in commit order. A lost connection is opened again with backoff,
 * and the messages committed meanwhile are then fetched per subscribed thread.
 */
public final class CommitListener implements Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(CommitListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration LIVENESS_CHECK_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Allowance for the clocks of this host and the database differing when catching up. */
    private static final Duration CATCH_UP_MARGIN = Duration.ofSeconds(2);
    private static final int FETCH_BATCH = 500;
    private static final int CATCH_UP_PAGE = 200;

    private final DataSourceFactory database;
    private final Jdbi jdbi;
    private final LiveHub hub;
    private final Clock clock;
    private final Counter reconnects;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile Instant lastHeardAt;
    private Thread thread;

    public CommitListener(DataSourceFactory database, Jdbi jdbi, LiveHub hub,
            MetricRegistry metrics, Clock clock) {
        this.database = database;
        this.jdbi = jdbi;
        this.hub = hub;
        this.clock = clock;
        this.reconnects = metrics.counter("live.listener.reconnects");
    }

    @Override
    public void start() {
        running = true;
        lastHeardAt = clock.instant();
        thread = new Thread(this::run, "hush-live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        closeQuietly(connection);
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        boolean resumed = false;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                listen(listening);
                if (resumed) {
                    reconnects.inc();
                    LOGGER.info("Live listener connection re-established; catching up");
                } else {
                    LOGGER.info("Live listener connected channel={}",
                            MessageService.STORED_CHANNEL);
                }
                // Also on the first connection, since sockets may have subscribed before it.
                catchUp();
                resumed = true;
                backoff = MIN_BACKOFF;
                poll(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOGGER.warn("Live listener connection lost; retrying in {} ms error={}",
                        backoff.toMillis(), e.toString());
                if (!sleep(backoff)) {
                    break;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            }
        }
        LOGGER.info("Live listener stopped");
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "hush-live-listener");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.getUrl(), properties);
    }

    private static void listen(Connection listening) throws SQLException {
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + MessageService.STORED_CHANNEL);
        }
    }

    /** Waits for notifications and delivers them; returns only by exception or stop. */
    private void poll(Connection listening) throws SQLException {
        PGConnection postgres = listening.unwrap(PGConnection.class);
        Instant lastCheck = clock.instant();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            Instant now = clock.instant();
            if (notifications != null && notifications.length > 0) {
                lastHeardAt = now;
                deliver(notifications);
            } else if (Duration.between(lastCheck, now).compareTo(LIVENESS_CHECK_INTERVAL) >= 0) {
                // getNotifications cannot tell a quiet channel from a silently dead connection.
                try (Statement statement = listening.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastCheck = now;
                lastHeardAt = now;
            }
        }
    }

    private void deliver(PGNotification[] notifications) {
        List<UUID> ids = new ArrayList<>();
        for (PGNotification notification : notifications) {
            String[] parts = notification.getParameter().split(" ");
            if (parts.length != 2) {
                LOGGER.warn("Ignoring a malformed notification channel={}",
                        MessageService.STORED_CHANNEL);
                continue;
            }
            UUID threadId = UUID.fromString(parts[0]);
            UUID messageId = UUID.fromString(parts[1]);
            if (hub.wants(threadId, messageId)) {
                ids.add(messageId);
            }
        }
        for (int start = 0; start < ids.size(); start += FETCH_BATCH) {
            List<UUID> batch = ids.subList(start, Math.min(ids.size(), start + FETCH_BATCH));
            Map<UUID, MessageRow> rows = new HashMap<>();
            List<MessageRow> found = jdbi.withExtension(MessageDao.class,
                    dao -> dao.findByIds(batch));
            for (MessageRow row : found) {
                rows.put(row.id(), row);
            }
            // Notification order is commit order; the query returns rows in no set order.
            for (UUID id : batch) {
                MessageRow row = rows.get(id);
                if (row != null) {
                    hub.deliver(row);
                }
            }
        }
    }

    /** Delivers the messages committed while no notification could arrive, oldest first. */
    private void catchUp() {
        Instant fallback = lastHeardAt.minus(CATCH_UP_MARGIN);
        int delivered = 0;
        for (Map.Entry<UUID, Instant> cursor : hub.catchUpCursors(fallback).entrySet()) {
            UUID threadId = cursor.getKey();
            Instant after = cursor.getValue();
            List<MessageRow> page;
            do {
                Instant since = after;
                page = jdbi.withExtension(MessageDao.class,
                        dao -> dao.findAfter(threadId, since, CATCH_UP_PAGE));
                for (MessageRow row : page) {
                    hub.deliver(row);
                    after = row.createdAt();
                }
                delivered += page.size();
            } while (page.size() == CATCH_UP_PAGE && running);
        }
        if (delivered > 0) {
            LOGGER.info("Live listener caught up messages={}", delivered);
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection open) {
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (SQLException e) {
            LOGGER.debug("Closing the listener connection failed error={}", e.toString());
        }
    }
}
