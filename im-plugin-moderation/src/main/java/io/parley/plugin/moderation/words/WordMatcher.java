package io.parley.plugin.moderation.words;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable Aho–Corasick automaton over normalised text, stored as a double array: one pass over a text
 * finds every word, whatever their number. A 64K-entry table maps each raw char straight to its alphabet
 * class after normalisation ({@link TextNormalizer}), so normalising costs one array read per char; chars
 * skipped as separators do not break a match, and hits are reported as spans of the original text.
 *
 * <p>Build once per word-list change (50,000 words build in well under a second) and share: {@link #scan} is
 * thread-safe and allocates nothing on a clean text.
 */
public final class WordMatcher {
    private static final char SKIP = '\uFFFF';
    private static final char NONE = 0;

    private final TextNormalizer normalizer;
    private final char[] classOf;
    private final int[] base;
    private final int[] check;
    private final int[] fail;
    private final int[] wordAt;
    private final int[] outLink;
    private final SensitiveWord[] words;
    private final int[] wordLength;

    WordMatcher(TextNormalizer normalizer, char[] classOf, int[] base, int[] check, int[] fail, int[] wordAt,
            int[] outLink, SensitiveWord[] words, int[] wordLength) {
        this.normalizer = normalizer;
        this.classOf = classOf;
        this.base = base;
        this.check = check;
        this.fail = fail;
        this.wordAt = wordAt;
        this.outLink = outLink;
        this.words = words;
        this.wordLength = wordLength;
    }

    public static WordMatcher empty(TextNormalizer normalizer) {
        return build(List.of(), normalizer);
    }

    /** Builds the automaton. Two words with one normalised form count once; a block word wins over a replace word. */
    public static WordMatcher build(Collection<SensitiveWord> wordList, TextNormalizer normalizer) {
        Map<String, SensitiveWord> unique = new LinkedHashMap<>();
        for (SensitiveWord word : wordList) {
            String normalized = normalizer.normalize(word.word());
            if (!normalized.isEmpty()) {
                unique.merge(normalized, word, (old, added) -> added.isBlock() ? added : old);
            }
        }
        char[] alphabet = new char[65536];
        int alphabetSize = 0;
        for (String normalized : unique.keySet()) {
            for (int i = 0; i < normalized.length(); i++) {
                char c = normalized.charAt(i);
                if (alphabet[c] == NONE) {
                    alphabet[c] = (char) ++alphabetSize;
                }
            }
        }
        if (alphabetSize >= SKIP) {
            throw new IllegalArgumentException("the word list uses too many distinct characters");
        }
        char[] classOf = new char[65536];
        for (int ch = 0; ch < 65536; ch++) {
            char folded = normalizer.fold((char) ch);
            classOf[ch] = folded == TextNormalizer.SKIPPED ? SKIP : alphabet[folded];
        }
        TrieBuilder trie = new TrieBuilder();
        SensitiveWord[] words = new SensitiveWord[unique.size()];
        int[] wordLength = new int[unique.size()];
        int index = 0;
        for (Map.Entry<String, SensitiveWord> entry : unique.entrySet()) {
            String normalized = entry.getKey();
            int node = 0;
            for (int i = 0; i < normalized.length(); i++) {
                node = trie.child(node, alphabet[normalized.charAt(i)]);
            }
            trie.setWord(node, index);
            words[index] = entry.getValue();
            wordLength[index] = normalized.length();
            index++;
        }
        return trie.toMatcher(normalizer, classOf, alphabetSize, words, wordLength);
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    /** How many distinct (normalised) words the automaton holds. */
    public int size() {
        return words.length;
    }

    /**
     * Every word in {@code text}, as spans of the original text. When a block word is found the scan stops and
     * returns that hit alone, since nothing else matters then. Empty on a clean text.
     */
    public List<WordHit> scan(CharSequence text) {
        if (words.length == 0) {
            return List.of();
        }
        List<WordHit> hits = null;
        int state = 0;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = classOf[text.charAt(i)];
            if (c == SKIP) {
                continue;
            }
            if (c == NONE) {
                state = 0;
                continue;
            }
            int s = state;
            while (true) {
                int t = base[s] + c;
                if (check[t] == s) {
                    s = t;
                    break;
                }
                if (s == 0) {
                    break;
                }
                s = fail[s];
            }
            state = s;
            for (int out = wordAt[s] >= 0 ? s : outLink[s]; out >= 0; out = outLink[out]) {
                int word = wordAt[out];
                WordHit hit = new WordHit(start(text, i, wordLength[word]), i + 1, words[word]);
                if (hit.word().isBlock()) {
                    return List.of(hit);
                }
                if (hits == null) {
                    hits = new ArrayList<>(4);
                }
                hits.add(hit);
            }
        }
        return hits == null ? List.of() : hits;
    }

    /**
     * Where a match of {@code length} normalised chars ending at {@code end} starts: walking back over skipped
     * chars, which a match may hold, and never over a char outside the alphabet, which it cannot. Only on hits.
     */
    private int start(CharSequence text, int end, int length) {
        int index = end;
        int remaining = length - 1;
        while (remaining > 0) {
            index--;
            if (classOf[text.charAt(index)] != SKIP) {
                remaining--;
            }
        }
        return index;
    }

    /**
     * {@code text} with each replace hit's span replaced by its replacement. Overlapping hits are resolved
     * leftmost-longest: the earliest hit wins, and of those starting together the longest.
     */
    public static String replace(String text, List<WordHit> hits) {
        List<WordHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingInt(WordHit::start).thenComparing(hit -> -hit.end()));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (WordHit hit : sorted) {
            if (hit.start() < copied || hit.word().isBlock()) {
                continue;
            }
            out.append(text, copied, hit.start()).append(hit.word().replacement().orElseThrow());
            copied = hit.end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
