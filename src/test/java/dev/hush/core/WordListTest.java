package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordListTest {
    private final WordList english = WordList.english();

    @Test
    void englishHas2048Words() {
        assertThat(english.size()).isEqualTo(2048);
    }

    @Test
    void englishWordsAreUnique() {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < english.size(); i++) {
            words.add(english.word(i));
        }

        assertThat(words).hasSize(2048);
    }

    @Test
    void englishWordsAreLowercaseLetters() {
        for (int i = 0; i < english.size(); i++) {
            assertThat(english.word(i)).as("word %d", i).matches("[a-z]+");
        }
    }

    @Test
    void englishStartsWithAbandonAndEndsWithZoo() {
        assertThat(english.word(0)).isEqualTo("abandon");
        assertThat(english.word(1)).isEqualTo("ability");
        assertThat(english.word(2047)).isEqualTo("zoo");
    }

    @Test
    void containsMatchesListedWordsOnly() {
        assertThat(english.contains("abandon")).isTrue();
        assertThat(english.contains("zoo")).isTrue();
        assertThat(english.contains("Abandon")).isFalse();
        assertThat(english.contains("hush")).isFalse();
        assertThat(english.contains("")).isFalse();
    }

    @Test
    void wordRejectsIndexOutsideList() {
        assertThatThrownBy(() -> english.word(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> english.word(2048))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void missingResourceFailsNamingIt() {
        assertThatThrownBy(() -> WordList.fromResource("/dev/hush/no-such-list.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/dev/hush/no-such-list.txt")
                .hasMessageContaining("missing");
    }

    @Test
    void listWithWrongSizeIsRejected() {
        List<String> words = distinctWords(2047);

        assertThatThrownBy(() -> new WordList(words, "short"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2047 words, expected 2048");
    }

    @Test
    void listWithRepeatedWordIsRejected() {
        List<String> words = distinctWords(2048);
        words.set(5, words.get(3));

        assertThatThrownBy(() -> new WordList(words, "repeats"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("repeats the word")
                .hasMessageContaining("line 6");
    }

    @Test
    void listWithUppercaseWordIsRejected() {
        List<String> words = distinctWords(2048);
        words.set(0, "Abandon");

        assertThatThrownBy(() -> new WordList(words, "uppercase"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Abandon'")
                .hasMessageContaining("line 1");
    }

    /** Makes {@code count} distinct lowercase words: "a", "b", ... "z", "ba", "bb", ... */
    private static List<String> distinctWords(int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder word = new StringBuilder();
            int rest = i;
            do {
                word.insert(0, (char) ('a' + rest % 26));
                rest /= 26;
            } while (rest > 0);
            words.add(word.toString());
        }
        return words;
    }
}
