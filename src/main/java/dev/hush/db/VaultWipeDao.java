package dev.hush.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Empties every vault and security table. Call the methods in one transaction, in order: lock,
 * count, truncate. {@code vault_state} is not wiped, so the operator's panic-mode switch stays.
 */
public interface VaultWipeDao {
    /** The wiped tables, children before parents. */
    String TABLES = "messages, threads, blocked_ips, auth_failures";

    /** Waits for running writers to finish and keeps new ones out until the transaction ends. */
    @SqlUpdate("LOCK TABLE " + TABLES + " IN ACCESS EXCLUSIVE MODE")
    void lockTables();

    @SqlQuery("SELECT (SELECT count(*) FROM messages) AS messages, "
            + "(SELECT count(*) FROM threads) AS threads, "
            + "(SELECT count(*) FROM blocked_ips) AS blocked_ips, "
            + "(SELECT count(*) FROM auth_failures) AS auth_failures")
    @RegisterConstructorMapper(RowCounts.class)
    RowCounts countRows();

    @SqlUpdate("TRUNCATE " + TABLES)
    void truncate();

    /** Rows in each wiped table. */
    record RowCounts(long messages, long threads, long blockedIps, long authFailures) {
        /** Returns the counts as {@code table=rows} pairs, as logs and the admin tasks print them. */
        public String describe() {
            return "messages=" + messages + " threads=" + threads + " blocked_ips=" + blockedIps
                    + " auth_failures=" + authFailures;
        }
    }
}
