package dev.hush.core;

import java.math.BigInteger;
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
 * @param words the 12 words of a BIP-39 mnemonic, in the order shown to the operator
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
    static final int ENTROPY_BYTES = 16;
    static final int CHECKSUM_BITS = 4;
    static final int BITS_PER_WORD = 11;
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
     * Draws new secrets from {@code random}. The words are a BIP-39 mnemonic of 128 bits of
     * entropy, so other BIP-39 tools accept them and a mistyped word is usually detectable.
     */
    public static VaultSecrets generate(SecureRandom random, WordList wordList) {
        List<String> words = mnemonic(randomBytes(random, ENTROPY_BYTES), wordList);

        String kdfSalt = Base64.getEncoder().encodeToString(randomBytes(random, KDF_SALT_BYTES));
        String jwtSecret =
                Base64.getEncoder().encodeToString(randomBytes(random, JWT_SECRET_BYTES));
        String postgresPassword = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(randomBytes(random, POSTGRES_PASSWORD_BYTES));

        String authHash = Words.authHash(String.join(" ", words));

        return new VaultSecrets(words, authHash, kdfSalt, jwtSecret, postgresPassword);
    }

    /**
     * Encodes 16 bytes of entropy as 12 words, as BIP-39 specifies. The first 4 bits of the
     * entropy's SHA-256 are appended as a checksum. The 132 bits are then read as 12 word indices
     * of 11 bits each, most significant bit first.
     */
    static List<String> mnemonic(byte[] entropy, WordList wordList) {
        if (entropy.length != ENTROPY_BYTES) {
            throw new IllegalArgumentException(
                    "Expected " + ENTROPY_BYTES + " bytes of entropy, got " + entropy.length);
        }
        byte[] digest = Words.sha256(entropy);
        BigInteger bits = new BigInteger(1, entropy).shiftLeft(CHECKSUM_BITS)
                .or(BigInteger.valueOf((digest[0] & 0xff) >>> (8 - CHECKSUM_BITS)));

        List<String> words = new ArrayList<>(WORD_COUNT);
        for (int i = WORD_COUNT - 1; i >= 0; i--) {
            int index = bits.shiftRight(i * BITS_PER_WORD).intValue() & (WordList.SIZE - 1);
            words.add(wordList.word(index));
        }
        return words;
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
