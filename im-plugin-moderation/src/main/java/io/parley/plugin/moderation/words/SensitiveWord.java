package io.parley.plugin.moderation.words;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import java.util.Optional;

/**
 * One sensitive word as the app manages it: a block word (no replacement: a message holding it is refused)
 * or a replace word (the message is delivered with {@code replacement} in its place).
 *
 * @param word the word as given (matching normalises it, see {@link TextNormalizer})
 * @param replacement what replaces it, or empty for a block word
 */
public record SensitiveWord(String word, Optional<String> replacement) {
    /** RongCloud's limit on {@code word} in {@code /sensitiveword/add.json}. */
    public static final int MAX_LENGTH = 32;

    public SensitiveWord {
        requireNonNull(word, "word is null");
        requireNonNull(replacement, "replacement is null");
        if (word.isBlank()) {
            throw ImException.invalidParameter("word is blank");
        }
        if (word.length() > MAX_LENGTH) {
            throw ImException.invalidParameter("word is longer than " + MAX_LENGTH + " characters: " + word);
        }
    }

    public static SensitiveWord block(String word) {
        return new SensitiveWord(word, Optional.empty());
    }

    public static SensitiveWord replace(String word, String replacement) {
        return new SensitiveWord(word, Optional.of(replacement));
    }

    public boolean isBlock() {
        return replacement.isEmpty();
    }

    /** RongCloud's {@code type} on {@code /sensitiveword/list.json}: {@code "0"} replace, {@code "1"} block. */
    public String wireType() {
        return isBlock() ? "1" : "0";
    }
}
