package dev.hush.core;

import dev.hush.errors.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Parsing of client input with the service's rules. Every method throws an
 * {@link ApiException} with status 400 (or 413 for an oversized blob) naming the field.
 */
public final class Inputs {
    /** Hex 8-4-4-4-12; version and variant bits are not checked, since clients derive ids from hashes. */
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
    public static final int MAX_IV_BYTES = 64;
    private static final Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Inputs() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null) {
            throw ApiException.badRequest("missing field '" + field + "'");
        }
        if (!UUID_TEXT.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field + "' must be a UUID (8-4-4-4-12 hex digits)");
        }
        return UUID.fromString(value);
    }

    /**
     * Decodes standard padded base64 of 1 to {@code maxBytes} bytes. Only the canonical encoding
     * is accepted, so the bytes encode back to exactly the text the client sent.
     */
    public static byte[] blob(String field, String value, int maxBytes) {
        return decode(field, value, maxBytes, () -> new ApiException(413, "payload_too_large",
                "'" + field + "' is larger than " + maxBytes + " bytes"));
    }

    /**
     * Decodes an iv of 1 to {@link #MAX_IV_BYTES} bytes. A longer iv is a malformed field in a
     * small request, so it is a 400 rather than the 413 of an oversized ciphertext.
     */
    public static byte[] iv(String value) {
        return decode("iv", value, MAX_IV_BYTES, () -> ApiException.badRequest(
                "'iv' must decode to 1 to " + MAX_IV_BYTES + " bytes"));
    }

    private static byte[] decode(String field, String value, int maxBytes,
            Supplier<ApiException> tooLarge) {
        if (value == null) {
            throw ApiException.badRequest("missing field '" + field + "'");
        }
        long maxEncoded = 4L * ((maxBytes + 2L) / 3L);
        if (value.length() > maxEncoded) {
            throw tooLarge.get();
        }
        if (value.isEmpty() || value.length() % 4 != 0 || !BASE64_TEXT.matcher(value).matches()) {
            throw ApiException.badRequest("'" + field + "' must be standard padded base64");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + field + "' must be standard padded base64");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(value)) {
            throw ApiException.badRequest("'" + field + "' is not canonical base64 (unused bits set)");
        }
        if (decoded.length == 0) {
            throw ApiException.badRequest("'" + field + "' must not be empty");
        }
        if (decoded.length > maxBytes) {
            throw tooLarge.get();
        }
        return decoded;
    }

    /**
     * Parses an ISO-8601 instant with an offset, such as {@code 2026-01-02T03:04:05.123456Z}, in
     * years 1 to 9999. Digits below a microsecond are cut off, because PostgreSQL would round
     * them and a cursor rounded up skips the message it points just before.
     */
    public static Instant instant(String field, String value) {
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "'" + field + "' must be an ISO-8601 time with an offset, such as 2026-01-02T03:04:05.123456Z");
        }
        if (parsed.isBefore(EARLIEST_INSTANT) || parsed.isAfter(LATEST_INSTANT)) {
            throw ApiException.badRequest("'" + field + "' must be a time in the years 1 to 9999");
        }
        return parsed.truncatedTo(ChronoUnit.MICROS);
    }

    public static int intInRange(String field, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + field + "' must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest("'" + field + "' must be between " + min + " and " + max);
        }
        return parsed;
    }
}
