package dev.hush.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The secrets of a new vault: the 12 words that unlock it, their AUTH_HASH, and the random
 * KDF_SALT, JWT_SECRET and database password that go into the .env file with it.
 * {@link #toString()} hides every value, so logging or formatting the record leaks none of them.
 *
 * @param words the 12 words, in the order shown to the operator
 * @param authHash {@link Words#authHash} of the words joined by single spaces
 * @param kdfSalt standard padded base64 of 16 random bytes, handed to clients for key derivation
 * @param jwtSecret standard base64 of 48 random bytes (64 characters), the HS256 token key
 * @param postgresPassword URL-safe base64 without padding of 24 random bytes (32 characters)
 */
public record VaultSecrets(
        List<String> words,
        String authHash,
        String kdfSalt,
        String jwtSecret,
        String postgresPassword) {

    public static final int WORD_COUNT = 12;
    static final int KDF_SALT_BYTES = 16;
    static final int JWT_SECRET_BYTES = 48;
    static final int POSTGRES_PASSWORD_BYTES = 24;

    public VaultSecrets {
        words = List.copyOf(words);
        if (words.size() != WORD_COUNT) {
            throw new IllegalArgumentException(
                    "Expected " + WORD_COUNT + " words, got " + words.size());
        }
        Objects.requireNonNull(authHash, "authHash");
        Objects.requireNonNull(kdfSalt, "kdfSalt");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(postgresPassword, "postgresPassword");
    }

    /**
     * Draws new secrets from {@code random}. Each word is an independent uniform draw from the
     * list, so 12 words from 2048 carry 132 bits. The words carry no BIP-39 checksum.
     */
    public static VaultSecrets generate(SecureRandom random, WordList wordList) {
        List<String> words = new ArrayList<>(WORD_COUNT);
        for (int i = 0; i < WORD_COUNT; i++) {
            words.add(wordList.word(random.nextInt(wordList.size())));
        }

        String kdfSalt = Base64.getEncoder().encodeToString(randomBytes(random, KDF_SALT_BYTES));
        String jwtSecret =
                Base64.getEncoder().encodeToString(randomBytes(random, JWT_SECRET_BYTES));
        String postgresPassword = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(randomBytes(random, POSTGRES_PASSWORD_BYTES));

        String authHash = Words.authHash(String.join(" ", words));

        return new VaultSecrets(words, authHash, kdfSalt, jwtSecret, postgresPassword);
    }

    /** Returns the words joined by single spaces, as the operator types them to unlock. */
    public String phrase() {
        return String.join(" ", words);
    }

    @Override
    public String toString() {
        return "VaultSecrets[values hidden]";
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
