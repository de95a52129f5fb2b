package dev.hush.core;

// Placeholder until the vault branch lands; replaced by its Words.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;

public final class Words {
    private Words() {
    }

    public static String normalize(String words) {
        String nfkd = Normalizer.normalize(words, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        return String.join(" ", nfkd.trim().split("(?U)\\s+"));
    }

    public static boolean matches(String words, byte[] expectedHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalize(words).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(digest, expectedHash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
