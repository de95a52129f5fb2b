package dev.hush.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The BIP-39 English word list that vault words are drawn from: 2048 distinct lowercase words,
 * indexed from 0 in the order of the standard list.
 */
public final class WordList {
    /** Number of words in a BIP-39 word list, so that each word encodes exactly 11 bits. */
    public static final int SIZE = 2048;

    static final String ENGLISH_RESOURCE = "/dev/hush/bip39-english.txt";

    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private final List<String> words;
    private final Set<String> wordSet;

    /**
     * Creates a list from the given words, in order.
     *
     * @throws IllegalStateException if there are not exactly 2048 words, a word repeats, or a
     *     word is not lowercase ASCII letters. The message names {@code source} and the line.
     */
    WordList(List<String> words, String source) {
        if (words.size() != SIZE) {
            throw new IllegalStateException(
                    "Word list " + source + " has " + words.size() + " words, expected " + SIZE);
        }

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word == null || !WORD.matcher(word).matches()) {
                throw new IllegalStateException("Word list " + source + " has an invalid word '"
                        + word + "' at line " + (i + 1) + ": expected lowercase letters a-z");
            }
            if (!seen.add(word)) {
                throw new IllegalStateException("Word list " + source + " repeats the word '"
                        + word + "' at line " + (i + 1));
            }
        }

        this.words = List.copyOf(words);
        this.wordSet = Set.copyOf(seen);
    }

    /**
     * Loads the BIP-39 English list from the class path. Each call reads the resource again, so
     * callers keep the instance they need.
     *
     * @throws IllegalStateException if the resource is missing or is not a valid word list
     */
    public static WordList english() {
        return fromResource(ENGLISH_RESOURCE);
    }

    /** Loads a word list with one word per line from a class path resource. */
    static WordList fromResource(String resource) {
        try (InputStream stream = WordList.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException(
                        "Word list resource " + resource + " is missing from the class path");
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            return new WordList(reader.lines().toList(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read word list resource " + resource, e);
        }
    }

    public int size() {
        return words.size();
    }

    /**
     * Returns the word at {@code index}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public String word(int index) {
        return words.get(index);
    }

    /** Returns whether {@code word} is in the list, comparing exactly (the list is lowercase). */
    public boolean contains(String word) {
        return wordSet.contains(word);
    }
}
