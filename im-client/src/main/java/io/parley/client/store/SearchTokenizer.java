package io.parley.client.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts folded text ({@link TextFolding}) into the tokens of the search index. A run of letters and digits in a
 * script written with spaces (Latin, Cyrillic, …) is one token, the word. A run of Han, kana or Hangul, written
 * without spaces, gives each of its characters (for one-character queries) and each pair of neighbours (bigrams:
 * {@code 東京都} gives {@code 東}, {@code 京}, {@code 都}, {@code 東京}, {@code 京都}). A query is cut the same way,
 * except that a CJK run of two or more characters gives its bigrams only, since they already pin it down.
 * Thread-safe, stateless.
 */
public final class SearchTokenizer {
    private SearchTokenizer() {
    }

    /** The tokens to index for a text already folded. */
    public static Set<String> indexTokens(String folded) {
        Set<String> tokens = new LinkedHashSet<>();
        cut(folded, tokens, true);
        return tokens;
    }

    /** The tokens a message must have to match the folded query. */
    public static Set<String> queryTokens(String folded) {
        Set<String> tokens = new LinkedHashSet<>();
        cut(folded, tokens, false);
        return tokens;
    }

    /** The query's terms: the folded query split at whitespace; a match contains each term as it is. */
    public static List<String> queryTerms(String query) {
        List<String> terms = new ArrayList<>();
        for (String term : TextFolding.fold(query).split("\\s+")) {
            if (!term.isEmpty()) {
                terms.add(term);
            }
        }
        return terms;
    }

    private static void cut(String text, Set<String> tokens, boolean indexing) {
        StringBuilder word = new StringBuilder();
        List<Integer> cjkRun = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (CjkText.isCjk(cp)) {
                flushWord(word, tokens);
                cjkRun.add(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushRun(cjkRun, tokens, indexing);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, tokens);
                flushRun(cjkRun, tokens, indexing);
            }
        }
        flushWord(word, tokens);
        flushRun(cjkRun, tokens, indexing);
    }

    private static void flushWord(StringBuilder word, Set<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flushRun(List<Integer> run, Set<String> tokens, boolean indexing) {
        if (run.isEmpty()) {
            return;
        }
        if (indexing || run.size() == 1) {
            for (int cp : run) {
                tokens.add(Character.toString(cp));
            }
        }
        for (int i = 0; i + 1 < run.size(); i++) {
            tokens.add(Character.toString(run.get(i)) + Character.toString(run.get(i + 1)));
        }
        run.clear();
    }
}
