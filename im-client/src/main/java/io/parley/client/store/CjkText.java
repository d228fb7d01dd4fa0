package io.parley.client.store;

/** Which characters are written without spaces between words (Han, kana, Hangul), so are indexed by bigrams. */
final class CjkText {
    private CjkText() {
    }

    static boolean isCjk(int codePoint) {
        if (codePoint == 0x30FC || codePoint == 0x3005) {
            return true; // the katakana prolonged sound mark and the iteration mark, which Unicode files as "common"
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
