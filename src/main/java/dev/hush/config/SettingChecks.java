package dev.hush.config;

import dev.hush.core.IpRange;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Checks for the values of configuration variables. Each throws {@link InvalidSettingException}
 * naming the variable, and no message contains the value, so secrets stay out of the output.
 */
public final class SettingChecks {
    public static final int MIN_JWT_SECRET_BYTES = 32;

    private SettingChecks() {
    }

    /** Decodes AUTH_HASH, which must be standard base64 of a 32-byte SHA-256 digest. */
    public static byte[] authHash(String value) {
        byte[] decoded = base64(value, "AUTH_HASH");
        if (decoded.length != 32) {
            throw new InvalidSettingException("AUTH_HASH",
                    "must be base64 of the 32-byte SHA-256 of the normalized words; "
                            + "run the new-vault command to make one");
        }
        return decoded;
    }

    public static void kdfSalt(String value) {
        if (base64(value, "KDF_SALT").length < 8) {
            throw new InvalidSettingException("KDF_SALT", "must be base64 of at least 8 bytes");
        }
    }

    public static void jwtSecret(String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            throw new InvalidSettingException("JWT_SECRET",
                    "must be at least " + MIN_JWT_SECRET_BYTES + " bytes long");
        }
    }

    public static void jwtAlgorithm(String value) {
        if (!"HS256".equals(value.trim())) {
            throw new InvalidSettingException("JWT_ALGORITHM", "must be HS256, the only one supported");
        }
    }

    public static int integer(String variable, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(variable, "must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(variable, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    public static boolean bool(String variable, String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("true") && !normalized.equals("false")) {
            throw new InvalidSettingException(variable, "must be true or false");
        }
        return normalized.equals("true");
    }

    public static void notBlank(String variable, String value) {
        if (value.isBlank()) {
            throw new InvalidSettingException(variable, "must not be empty");
        }
    }

    public static void trustedProxies(String value) {
        try {
            IpRange.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("TRUSTED_PROXIES",
                    "must be a comma-separated list of IP addresses or CIDR blocks: " + e.getMessage());
        }
    }

    /** Checks FRONTEND_URL, which must be a bare origin such as https://chat.example.org. */
    public static String origin(String value) {
        String trimmed = value.trim();
        try {
            URI uri = new URI(trimmed);
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            if (web && uri.getHost() != null && bare && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // Reported below with the rule the value breaks.
        }
        throw new InvalidSettingException("FRONTEND_URL",
                "must be an origin such as https://chat.example.org (scheme, host, optional port, "
                        + "no path or trailing slash)");
    }

    private static byte[] base64(String value, String variable) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(variable, "is not valid base64");
        }
    }
}
