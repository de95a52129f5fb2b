package dev.hush.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location split into the JDBC URL, user and password that the connection pool
 * takes. Accepts the JDBC form {@code jdbc:postgresql://host:port/db?user=...} and the libpq URI
 * form {@code postgresql://user:password@host:port/db?sslmode=...} ({@code postgres://} too).
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<Secret> password) {
    private static final String VARIABLE = "DATABASE_URL";

    /** Parses either form; the exception message never contains the URL, which may hold a password. */
    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidSettingException(VARIABLE, "is required");
        }
        String value = raw.trim();
        if (value.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(value, Optional.empty(), Optional.empty());
        }
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
            return fromLibpqUri(value);
        }
        throw new InvalidSettingException(VARIABLE,
                "must start with jdbc:postgresql:// or postgresql:// (the libpq URI form)");
    }

    private static DatabaseUrl fromLibpqUri(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(VARIABLE,
                    "is not a valid URI; percent-encode special characters in the password");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidSettingException(VARIABLE, "has no host name");
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw new InvalidSettingException(VARIABLE, "has no database name after the host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), userOf(uri), passwordOf(uri));
    }

    private static Optional<String> userOf(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            return Optional.empty();
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        return user.isEmpty() ? Optional.empty() : Optional.of(decode(user));
    }

    private static Optional<Secret> passwordOf(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || info.indexOf(':') < 0) {
            return Optional.empty();
        }
        return Optional.of(new Secret(decode(info.substring(info.indexOf(':') + 1))));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl.replaceAll("password=[^&]*", "password=[redacted]") + "]";
    }
}
