package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultSecretsTest {
    private static final WordList ENGLISH = WordList.english();

    private final VaultSecrets secrets = VaultSecrets.generate(new SecureRandom(), ENGLISH);

    @Test
    void generateDrawsTwelveListedWords() {
        assertThat(secrets.words()).hasSize(12);
        for (String word : secrets.words()) {
            assertThat(ENGLISH.contains(word)).as("word %s is in the list", word).isTrue();
        }
    }

    @Test
    void authHashIsHashOfPhrase() {
        assertThat(secrets.phrase()).isEqualTo(String.join(" ", secrets.words()));
        assertThat(secrets.authHash()).isEqualTo(Words.authHash(secrets.phrase()));
        assertThat(Words.matches(secrets.phrase(), Base64.getDecoder().decode(secrets.authHash())))
                .isTrue();
    }

    @Test
    void kdfSaltIsBase64OfSixteenBytes() {
        assertThat(secrets.kdfSalt()).hasSize(24);
        assertThat(Base64.getDecoder().decode(secrets.kdfSalt())).hasSize(16);
    }

    @Test
    void jwtSecretIsBase64OfFortyEightBytes() {
        assertThat(secrets.jwtSecret()).hasSize(64);
        assertThat(Base64.getDecoder().decode(secrets.jwtSecret())).hasSize(48);
    }

    @Test
    void postgresPasswordIsUnpaddedUrlSafeBase64() {
        assertThat(secrets.postgresPassword()).matches("[A-Za-z0-9_-]{32}");
        assertThat(Base64.getUrlDecoder().decode(secrets.postgresPassword())).hasSize(24);
    }

    @Test
    void generateDrawsFreshValuesEachTime() {
        VaultSecrets other = VaultSecrets.generate(new SecureRandom(), ENGLISH);

        assertThat(other.words()).isNotEqualTo(secrets.words());
        assertThat(other.authHash()).isNotEqualTo(secrets.authHash());
        assertThat(other.kdfSalt()).isNotEqualTo(secrets.kdfSalt());
        assertThat(other.jwtSecret()).isNotEqualTo(secrets.jwtSecret());
        assertThat(other.postgresPassword()).isNotEqualTo(secrets.postgresPassword());
    }

    @Test
    void generateDrawsWordsFromSixteenRandomBytes() {
        SecureRandom zeros = new SecureRandom() {
            private boolean first = true;

            @Override
            public void nextBytes(byte[] bytes) {
                if (first) {
                    assertThat(bytes).hasSize(16);
                    first = false;
                } else {
                    super.nextBytes(bytes);
                }
            }
        };

        VaultSecrets drawn = VaultSecrets.generate(zeros, ENGLISH);

        assertThat(drawn.phrase()).isEqualTo(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
    }

    @Test
    void mnemonicMatchesBip39TestVectors() {
        assertThat(phraseOf(repeat(0x00))).isEqualTo(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        assertThat(phraseOf(repeat(0x7f))).isEqualTo(
                "legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(phraseOf(repeat(0x80))).isEqualTo(
                "letter advice cage absurd amount doctor acoustic avoid letter advice cage above");
        assertThat(phraseOf(repeat(0xff))).isEqualTo(
                "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong");
        assertThat(phraseOf(HexFormat.of().parseHex("9e885d952ad362caeb4efe34a8e91bd2"))).isEqualTo(
                "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic");
    }

    @Test
    void generatedWordsCarryValidChecksum() throws Exception {
        for (int run = 0; run < 50; run++) {
            List<String> words = VaultSecrets.generate(new SecureRandom(), ENGLISH).words();

            BigInteger bits = BigInteger.ZERO;
            for (String word : words) {
                bits = bits.shiftLeft(11).or(BigInteger.valueOf(indexOf(word)));
            }
            byte[] entropy = toSixteenBytes(bits.shiftRight(4));
            int checksum = bits.intValue() & 0x0f;
            int expected = (MessageDigest.getInstance("SHA-256").digest(entropy)[0] & 0xff) >>> 4;

            assertThat(checksum).as("checksum of %s", words).isEqualTo(expected);
        }
    }

    @Test
    void mnemonicRejectsOtherEntropyLengths() {
        assertThatThrownBy(() -> VaultSecrets.mnemonic(new byte[32], ENGLISH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    private static String phraseOf(byte[] entropy) {
        return String.join(" ", VaultSecrets.mnemonic(entropy, ENGLISH));
    }

    private static byte[] repeat(int value) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static int indexOf(String word) {
        for (int i = 0; i < ENGLISH.size(); i++) {
            if (ENGLISH.word(i).equals(word)) {
                return i;
            }
        }
        throw new AssertionError("not in the list: " + word);
    }

    private static byte[] toSixteenBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        return bytes;
    }

    @Test
    void toStringHidesEveryValue() {
        // Fixed words, because a random one such as "hidden" or "vault" could occur in the text.
        List<String> words = List.of("abandon", "ability", "able", "about", "above", "absent",
                "absorb", "abstract", "absurd", "abuse", "access", "accident");
        VaultSecrets fixed = new VaultSecrets(words, secrets.authHash(), secrets.kdfSalt(),
                secrets.jwtSecret(), secrets.postgresPassword());

        String text = fixed.toString();

        for (String word : words) {
            assertThat(text).doesNotContain(word);
        }
        assertThat(text).doesNotContain(secrets.authHash());
        assertThat(text).doesNotContain(secrets.kdfSalt());
        assertThat(text).doesNotContain(secrets.jwtSecret());
        assertThat(text).doesNotContain(secrets.postgresPassword());
    }

    @Test
    void constructorRejectsWrongWordCount() {
        List<String> elevenWords = secrets.words().subList(0, 11);

        assertThatThrownBy(() -> new VaultSecrets(
                        elevenWords, "hash", "salt", "secret", "password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected 12 words, got 11");
    }

    @Test
    void wordsCannotBeModified() {
        assertThatThrownBy(() -> secrets.words().set(0, "zoo"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
