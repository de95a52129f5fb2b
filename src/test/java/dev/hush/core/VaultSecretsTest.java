package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
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
    void generateIndexesWordsFromRandomInts() {
        SecureRandom fixed = new SecureRandom() {
            private int next;

            @Override
            public int nextInt(int bound) {
                assertThat(bound).isEqualTo(2048);
                return next++ == 0 ? 0 : 2047;
            }
        };

        VaultSecrets drawn = VaultSecrets.generate(fixed, ENGLISH);

        assertThat(drawn.words()).first().isEqualTo("abandon");
        assertThat(drawn.words().subList(1, 12)).containsOnly("zoo");
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
