package io.parley.plugin.moderation.words;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/** A trie with hashed edges, turned into the double array by breadth-first placement. */
final class TrieBuilder {
    private final Map<Long, Integer> edges = new HashMap<>();
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private char[] label = new char[1024];
    private int[] word = new int[1024];
    private int nodes = 1;

    TrieBuilder() {
        Arrays.fill(firstChild, -1);
        Arrays.fill(word, -1);
    }

    int child(int node, char c) {
        long key = ((long) node << 16) | c;
        Integer existing = edges.get(key);
        if (existing != null) {
            return existing;
        }
        if (nodes == firstChild.length) {
            int size = nodes * 2;
            firstChild = Arrays.copyOf(firstChild, size);
            Arrays.fill(firstChild, nodes, size, -1);
            nextSibling = Arrays.copyOf(nextSibling, size);
            label = Arrays.copyOf(label, size);
            word = Arrays.copyOf(word, size);
            Arrays.fill(word, nodes, size, -1);
        }
        int created = nodes++;
        label[created] = c;
        nextSibling[created] = firstChild[node];
        firstChild[node] = created;
        edges.put(key, created);
        return created;
    }

    void setWord(int node, int index) {
        word[node] = index;
    }

    WordMatcher toMatcher(TextNormalizer normalizer, char[] classOf, int alphabetSize, SensitiveWord[] words,
            int[] wordLength) {
        int[] position = new int[nodes];
        int[] order = new int[nodes];
        BitSet used = new BitSet();
        used.set(0);
        int[] bases = new int[Math.max(16, nodes * 2)];
        int[] checks = new int[bases.length];
        Arrays.fill(checks, -1);
        int firstFree = 1;
        int maxBase = 0;
        int head = 0;
        int tail = 1;
        int[] labels = new int[alphabetSize + 1];
        while (head < tail) {
            int node = order[head++];
            int count = 0;
            for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
                labels[count++] = label[child];
            }
            if (count == 0) {
                continue;
            }
            Arrays.sort(labels, 0, count);
            int slot = Math.max(firstFree, labels[0]);
            int chosen;
            search:
            while (true) {
                slot = used.nextClearBit(slot);
                chosen = slot - labels[0];
                for (int k = 1; k < count; k++) {
                    if (used.get(chosen + labels[k])) {
                        slot++;
                        continue search;
                    }
                }
                break;
            }
            int parent = position[node];
            int needed = chosen + alphabetSize + 1;
            if (needed > bases.length) {
                int size = Math.max(needed, bases.length * 2);
                bases = Arrays.copyOf(bases, size);
                int old = checks.length;
                checks = Arrays.copyOf(checks, size);
                Arrays.fill(checks, old, size, -1);
            }
            bases[parent] = chosen;
            maxBase = Math.max(maxBase, chosen);
            for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
                int at = chosen + label[child];
                used.set(at);
                checks[at] = parent;
                position[child] = at;
                order[tail++] = child;
            }
            firstFree = used.nextClearBit(firstFree);
        }
        int length = Math.max(maxBase, used.length()) + alphabetSize + 1;
        bases = Arrays.copyOf(bases, length);
        int old = checks.length;
        checks = Arrays.copyOf(checks, length);
        if (length > old) {
            Arrays.fill(checks, old, length, -1);
        }
        int[] fail = new int[length];
        int[] wordAt = new int[length];
        int[] outLink = new int[length];
        Arrays.fill(wordAt, -1);
        Arrays.fill(outLink, -1);
        for (int i = 0; i < tail; i++) {
            int node = order[i];
            int at = position[node];
            wordAt[at] = word[node];
            for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
                int childAt = position[child];
                int target = 0;
                if (at != 0) {
                    int f = fail[at];
                    while (true) {
                        int t = bases[f] + label[child];
                        if (checks[t] == f) {
                            target = t;
                            break;
                        }
                        if (f == 0) {
                            break;
                        }
                        f = fail[f];
                    }
                }
                fail[childAt] = target;
            }
            if (at != 0) {
                int f = fail[at];
                outLink[at] = wordAt[f] >= 0 ? f : outLink[f];
            }
        }
        return new WordMatcher(normalizer, classOf, bases, checks, fail, wordAt, outLink, words, wordLength);
    }
}
