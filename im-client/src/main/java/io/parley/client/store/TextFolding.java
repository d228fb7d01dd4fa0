package io.parley.client.store;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds text for search, so that a query matches however the text was typed: compatibility decomposition (NFKD:
 * full-width {@code Ａ} is {@code a}, the ligature {@code ﬁ} is {@code fi}), combining marks dropped after Latin,
 * Greek and Cyrillic letters ({@code café} is {@code cafe}) but kept on kana ({@code が} stays {@code が}, it is
 * another syllable than {@code か}), then recomposed (NFC) and lower-cased. Thread-safe, stateless.
 */
public final class TextFolding {
    private TextFolding() {
    }

    /** The folded form of {@code text}; null is folded to {@code ""}. */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean keepMarks = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                    || Character.getType(cp) == Character.ENCLOSING_MARK) {
                if (keepMarks) {
                    out.appendCodePoint(cp);
                }
                continue;
            }
            keepMarks = CjkText.isCjk(cp);
            out.appendCodePoint(cp);
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
