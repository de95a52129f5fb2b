package dev.hush.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Normalization and hashing of the vault words. AUTH_HASH is the standard padded base64 of the
 * SHA-256 of the UTF-8 bytes of {@link #normalize(String)}.
 */
public final class Words {
    /** Runs of Unicode white space (the White_Space property), such as tab, newline and NBSP. */
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    private Words() {
    }

    /**
     * Normalizes typed words so that equal phrases hash equally: Unicode NFKD, lower case in
     * {@link Locale#ROOT}, then the words split on any white space and joined by one space.
     * Leading and trailing white space is dropped.
     */
    public static String normalize(String words) {
        String decomposed = Normalizer.normalize(words, Normalizer.Form.NFKD);
        String lowerCase = decomposed.toLowerCase(Locale.ROOT);

        return Arrays.stream(WHITESPACE.split(lowerCase))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.joining(" "));
    }

    /** Returns the SHA-256 of the UTF-8 bytes of the normalized words (32 bytes). */
    public static byte[] hash(String words) {
        byte[] normalized = normalize(words).getBytes(StandardCharsets.UTF_8);
        return sha256(normalized);
    }

    /** Returns the SHA-256 of {@code bytes} (32 bytes). */
    static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    /** Returns the AUTH_HASH value for the words: standard padded base64 of {@link #hash}. */
    public static String authHash(String words) {
        return Base64.getEncoder().encodeToString(hash(words));
    }

    /**
     * Returns whether the words hash to {@code expectedHash}, the decoded AUTH_HASH. The
     * comparison takes the same time wherever the first differing byte is, so its timing does not
     * leak how much of the hash a guess matched. A null or wrong-length hash never matches.
     */
    public static boolean matches(String words, byte[] expectedHash) {
        return MessageDigest.isEqual(hash(words), expectedHash);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this means a broken runtime.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
