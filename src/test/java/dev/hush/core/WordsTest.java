package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WordsTest {
    private static final String PHRASE =
            "abandon ability able about above absent absorb abstract absurd abuse access accident";

    /**
     * AUTH_HASH of {@link #PHRASE}, computed outside Java with
     * {@code printf '%s' "$PHRASE" | sha256sum | xxd -r -p | base64}.
     */
    private static final String PHRASE_AUTH_HASH = "aMarProiDacMD8ASul8bYQeotaJKSntzVJhNbnqiE3s=";

    @Test
    void normalizeLowersUpperCase() {
        assertThat(Words.normalize("Abandon ABILITY aBlE")).isEqualTo("abandon ability able");
    }

    @Test
    void normalizeCollapsesTabsAndNewlines() {
        assertThat(Words.normalize("abandon\tability\nable\r\nabout"))
                .isEqualTo("abandon ability able about");
    }

    @Test
    void normalizeCollapsesRunsOfSpaces() {
        assertThat(Words.normalize("abandon    ability \t \n able"))
                .isEqualTo("abandon ability able");
    }

    @Test
    void normalizeDropsLeadingAndTrailingWhitespace() {
        assertThat(Words.normalize("  \t\nabandon ability\n \t ")).isEqualTo("abandon ability");
    }

    @Test
    void normalizeSplitsOnNoBreakAndIdeographicSpaces() {
        assertThat(Words.normalize("abandon\u00A0ability\u3000able\u2003about\u00A0"))
                .isEqualTo("abandon ability able about");
    }

    @Test
    void normalizeDropsWhitespaceThatNfkdKeeps() {
        // U+2028 and U+0085 have no NFKD mapping and are not removed by String.trim().
        assertThat(Words.normalize("\u2028abandon\u0085ability\u2028"))
                .isEqualTo("abandon ability");
        assertThat(Words.normalize("\u0085\u1680abandon")).isEqualTo("abandon");
    }

    @Test
    void normalizeDecomposesComposedCharacters() {
        String composed = "Caf\u00E9";
        String decomposed = "cafe\u0301";

        assertThat(Words.normalize(composed)).isEqualTo(decomposed);
        assertThat(Words.normalize(decomposed)).isEqualTo(decomposed);
    }

    @Test
    void normalizeAppliesCompatibilityMappings() {
        // NFKD maps the "fi" ligature and full-width letters to plain ASCII letters.
        assertThat(Words.normalize("\uFB01eld \uFF21BLE")).isEqualTo("field able");
    }

    @Test
    void normalizeOfBlankInputIsEmpty() {
        assertThat(Words.normalize(" \t\n\u00A0")).isEmpty();
    }

    @Test
    void authHashMatchesKnownVector() {
        assertThat(Words.authHash(PHRASE)).isEqualTo(PHRASE_AUTH_HASH);
    }

    @Test
    void authHashIsBase64OfThirtyTwoBytes() {
        String authHash = Words.authHash(PHRASE);

        assertThat(authHash).hasSize(44).endsWith("=");
        assertThat(Base64.getDecoder().decode(authHash)).hasSize(32);
    }

    @Test
    void authHashIgnoresCaseAndWhitespace() {
        String messy = "\n  ABANDON\tability  able\u00A0about above absent absorb abstract "
                + "absurd abuse access Accident \r\n";

        assertThat(Words.authHash(messy)).isEqualTo(PHRASE_AUTH_HASH);
    }

    @Test
    void authHashIgnoresCompositionForm() {
        assertThat(Words.authHash("caf\u00E9")).isEqualTo(Words.authHash("cafe\u0301"));
    }

    @Test
    void matchesAcceptsNormalizedEquivalent() {
        byte[] expected = Base64.getDecoder().decode(PHRASE_AUTH_HASH);

        assertThat(Words.matches(PHRASE.toUpperCase(), expected)).isTrue();
        assertThat(Words.matches(PHRASE.replace(" ", "\t\t"), expected)).isTrue();
    }

    @Test
    void matchesRejectsOtherWords() {
        byte[] expected = Base64.getDecoder().decode(PHRASE_AUTH_HASH);

        assertThat(Words.matches(PHRASE.replace("accident", "account"), expected)).isFalse();
        assertThat(Words.matches(PHRASE.replace(" ", ""), expected)).isFalse();
        assertThat(Words.matches("", expected)).isFalse();
    }

    @Test
    void matchesRejectsMalformedExpectedHash() {
        byte[] full = Base64.getDecoder().decode(PHRASE_AUTH_HASH);
        byte[] truncated = Arrays.copyOf(full, 31);

        assertThat(Words.matches(PHRASE, truncated)).isFalse();
        assertThat(Words.matches(PHRASE, new byte[0])).isFalse();
        assertThat(Words.matches(PHRASE, null)).isFalse();
    }
}
