package dev.hush.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the .env file for a new vault: its secrets, the default policy settings and the
 * database settings. Values are written unquoted, so each must be readable as-is by dotenv-java
 * and docker compose.
 */
public final class VaultEnvFile {
    /** Service name, and so host name, of PostgreSQL in the docker compose file. */
    static final String COMPOSE_DATABASE_HOST = "db";
    static final String DATABASE_USER = "hush";
    static final String DATABASE_NAME = "hush";

    /**
     * Characters allowed in an unquoted value: those of RFC 3986 URIs except '#', which starts a
     * comment in dotenv-java, '$', which docker compose interpolates in unquoted .env values, and
     * the quote '\''.
     */
    private static final Pattern UNSAFE_CHARACTER =
            Pattern.compile("[^A-Za-z0-9\\-._~:/?\\[\\]@!&()*+,;=%]");

    private VaultEnvFile() {
    }

    /** Returns the DATABASE_URL for the docker compose database service with this password. */
    public static String composeDatabaseUrl(String postgresPassword) {
        return "postgresql://" + DATABASE_USER + ":" + postgresPassword + "@"
                + COMPOSE_DATABASE_HOST + ":5432/" + DATABASE_NAME;
    }

    /**
     * Checks that {@code url} is a PostgreSQL URL that a .env file can hold unquoted. The message
     * names the offending character and its position but never repeats the URL, which may contain
     * a password.
     *
     * @throws IllegalArgumentException if the URL does not start with {@code jdbc:postgresql:},
     *     {@code postgresql://} or {@code postgres://}, or contains white space, '#', '$', a quote
     *     or another character outside RFC 3986
     */
    public static void validateDatabaseUrl(String url) {
        boolean postgresql = url.startsWith("jdbc:postgresql:")
                || url.startsWith("postgresql://")
                || url.startsWith("postgres://");
        if (!postgresql) {
            throw new IllegalArgumentException("Invalid database URL: expected it to start with "
                    + "jdbc:postgresql:// or postgresql://");
        }

        requireSafeValue("database URL", url);
    }

    /**
     * Renders the .env file.
     *
     * @param databaseUrl the DATABASE_URL to write, for example {@link #composeDatabaseUrl}
     * @throws IllegalArgumentException if a value contains a character that an unquoted .env
     *     value cannot hold
     */
    public static String render(VaultSecrets secrets, String databaseUrl) {
        Lines lines = new Lines();

        lines.comment("HUSH vault settings, written by the new-vault command.");
        lines.comment("Keep this file private: anyone who can read it can forge access tokens");
        lines.comment("and log in to the database. The 12 words are not stored here.");

        lines.section("Unlock: AUTH_HASH is base64 of SHA-256 of the normalized words.");
        lines.setting("AUTH_HASH", secrets.authHash());
        lines.setting("KDF_SALT", secrets.kdfSalt());

        lines.section("Access tokens. Lifetime in minutes.");
        lines.setting("JWT_SECRET", secrets.jwtSecret());
        lines.setting("JWT_ALGORITHM", "HS256");
        lines.setting("JWT_EXPIRE_MINUTES", "60");

        lines.section("Failed unlocks per client IP. FAILURE_MODE is ip_temp, ip_perm, db_wipe");
        lines.comment("or db_wipe_shutdown. Block length in minutes.");
        lines.setting("MAX_AUTH_FAILURES", "5");
        lines.setting("FAILURE_MODE", "ip_temp");
        lines.setting("IP_BLOCK_MINUTES", "60");
        lines.setting("PANIC_MODE", "false");

        lines.section("The one browser origin that CORS allows.");
        lines.setting("FRONTEND_URL", "https://localhost");

        lines.section("Database. POSTGRES_* are read by the postgres container image.");
        lines.setting("POSTGRES_USER", DATABASE_USER);
        lines.setting("POSTGRES_DB", DATABASE_NAME);
        lines.setting("POSTGRES_PASSWORD", secrets.postgresPassword());
        lines.setting("DATABASE_URL", databaseUrl);

        return lines.toString();
    }

    private static void requireSafeValue(String name, String value) {
        Matcher unsafe = UNSAFE_CHARACTER.matcher(value);
        if (unsafe.find()) {
            int codePoint = value.codePointAt(unsafe.start());
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: character U+%04X at position %d is not allowed in a .env file "
                            + "value. Percent-encode it, for example %%23 for '#'.",
                    name, codePoint, unsafe.start() + 1));
        }
    }

    /** Builder for the lines of the file. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        void comment(String comment) {
            text.append("# ").append(comment).append('\n');
        }

        void section(String comment) {
            text.append('\n');
            comment(comment);
        }

        void setting(String name, String value) {
            requireSafeValue(name, value);
            text.append(name).append('=').append(value).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
