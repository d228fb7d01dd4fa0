package io.parley.plugin.moderation.words;

import static java.util.Objects.requireNonNull;

/**
 * Where a sensitive word was found in a text: the span in the original (un-normalised) text, separators
 * inside it included, so that a replacement covers exactly what the user typed.
 *
 * @param start index of the first char of the match in the original text
 * @param end index after its last char
 */
public record WordHit(int start, int end, SensitiveWord word) {
    public WordHit {
        requireNonNull(word, "word is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
