package io.parley.plugin.moderation.words;

/**
 * How text is normalised before matching, so that simple evasions still match: case ({@code BaD} =
 * {@code bad}), width (full-width {@code ｂａｄ} and the ideographic space become ASCII), and separators
 * (spaces, punctuation, symbols, control and zero-width characters are skipped, so {@code b.a d} matches
 * {@code bad}). Words are normalised the same way. Works on UTF-16 chars; immutable and thread-safe.
 *
 * @param ignoreCase fold case (simple, per-char lower case)
 * @param foldWidth map U+FF01–U+FF5E to U+0021–U+007E and U+3000 to a space
 * @param skipSeparators ignore separator characters between the letters of a word
 */
public record TextNormalizer(boolean ignoreCase, boolean foldWidth, boolean skipSeparators) {
    /** What {@link #fold} returns for a char that is skipped. */
    public static final char SKIPPED = '\uFFFF';

    public static TextNormalizer defaults() {
        return new TextNormalizer(true, true, true);
    }

    /** The normalised form of one char, or {@link #SKIPPED}. */
    public char fold(char ch) {
        char c = ch;
        if (foldWidth) {
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            }
        }
        if (ignoreCase) {
            c = Character.toLowerCase(c);
        }
        if (skipSeparators && isSeparator(c)) {
            return SKIPPED;
        }
        return c;
    }

    /** The normalised form of a word: each char folded, skipped chars dropped. */
    public String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            if (c != SKIPPED) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isSeparator(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
                    Character.CONTROL, Character.FORMAT -> true;
            default -> false;
        };
    }
}
