package dev.hush.core;

import com.codahale.metrics.Counter;
import dev.hush.db.MessageDao;
import dev.hush.db.MessageRow;
import dev.hush.errors.ApiException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores and pages encrypted messages. */
public final class MessageService {
    /** The PostgreSQL notification channel that announces every stored message. */
    public static final String STORED_CHANNEL = "hush_messages";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jdbi jdbi;
    private final Counter stored;

    public MessageService(Jdbi jdbi) {
        this(jdbi, new Counter());
    }

    /** Builds the service counting each stored message in {@code stored}. */
    public MessageService(Jdbi jdbi, Counter stored) {
        this.jdbi = jdbi;
        this.stored = stored;
    }

    /** Stores a message in its own transaction; a missing thread is a 404. */
    public MessageRow store(UUID threadId, byte[] ciphertext, byte[] iv) {
        return store(threadId, ciphertext, iv, row -> { });
    }

    /**
     * Stores a message and, in the same transaction, notifies {@link #STORED_CHANNEL} with
     * {@code "<thread id> <message id>"}, so listeners hear of it only once it committed.
     * {@code beforeCommit} runs after the insert and before the commit.
     */
    public MessageRow store(UUID threadId, byte[] ciphertext, byte[] iv,
            Consumer<MessageRow> beforeCommit) {
        try {
            MessageRow row = jdbi.inTransaction(handle -> {
                MessageDao dao = handle.attach(MessageDao.class);
                MessageRow inserted = dao.insert(threadId, ciphertext, iv);
                dao.notifyListeners(STORED_CHANNEL, inserted.threadId() + " " + inserted.id());
                beforeCommit.accept(inserted);
                return inserted;
            });
            stored.inc();
            return row;
        } catch (UnableToExecuteStatementException e) {
            if (isForeignKeyViolation(e)) {
                throw threadNotFound();
            }
            throw e;
        }
    }

    /** Returns up to {@code limit} messages created after {@code after}, oldest first. */
    public List<MessageRow> findAfter(UUID threadId, Instant after, int limit) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.findAfter(threadId, after, limit));
    }

    /** Returns the newest {@code limit} messages, oldest first. */
    public List<MessageRow> findNewest(UUID threadId, int limit) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.findNewest(threadId, limit));
    }

    public long count(UUID threadId) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.count(threadId));
    }

    public static ApiException threadNotFound() {
        return new ApiException(404, "thread_not_found", "No thread exists with that id");
    }

    private static boolean isForeignKeyViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
