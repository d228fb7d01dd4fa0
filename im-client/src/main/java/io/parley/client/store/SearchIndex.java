package io.parley.client.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The inverted index of the messages' searchable text: token to the entries ({@link MessageKeys}) of the messages
 * that have it, kept in a sorted set so that each token's postings are in time order, plus a count per token. A
 * search walks the postings of its rarest token from the newest down, keeps the entries that every other token
 * lists too, and lets the caller verify each candidate on its text. Not thread-safe: the store locks around it.
 */
final class SearchIndex {
    private final NavigableSet<String> postings;
    private final NavigableSet<String> timeline;
    private final Map<String, Long> counts;
    /** Changes to {@link #counts} not written yet: a batch touches common tokens many times, the table once each. */
    private final Map<String, Long> pendingCounts = new java.util.HashMap<>();

    SearchIndex(NavigableSet<String> postings, NavigableSet<String> timeline, Map<String, Long> counts) {
        this.postings = postings;
        this.timeline = timeline;
        this.counts = counts;
    }

    /** Lists the entry in the timeline (the search without words); done with the message, not in the background. */
    void list(String entry) {
        timeline.add(entry);
    }

    void unlist(String entry) {
        timeline.remove(entry);
    }

    /** Adds the postings of the entry's tokens (the background indexer). */
    void add(String entry, String foldedText) {
        for (String token : SearchTokenizer.indexTokens(foldedText)) {
            if (postings.add(MessageKeys.posting(token, entry))) {
                pendingCounts.merge(token, 1L, Long::sum);
            }
        }
    }

    /** Removes the postings of the entry's tokens (the background indexer). */
    void remove(String entry, String foldedText) {
        for (String token : SearchTokenizer.indexTokens(foldedText)) {
            if (postings.remove(MessageKeys.posting(token, entry))) {
                pendingCounts.merge(token, -1L, Long::sum);
            }
        }
    }

    /** Writes the counts changed since the last call; the indexer calls it before each commit. */
    void flush() {
        pendingCounts.forEach((token, change) -> {
            long count = counts.getOrDefault(token, 0L) + change;
            if (count <= 0) {
                counts.remove(token);
            } else if (change != 0) {
                counts.put(token, count);
            }
        });
        pendingCounts.clear();
    }

    /** Forgets the counts changed since the last {@link #flush()}: the store rolled back. */
    void discardPending() {
        pendingCounts.clear();
    }

    /**
     * Entries at or above {@code lowest} and below {@code highest}, newest first, that have every token (all entries
     * when there are none) and pass {@code accept}, up to {@code limit}.
     */
    List<String> find(Set<String> tokens, String lowest, String highest, Predicate<String> accept, int limit) {
        List<String> found = new ArrayList<>();
        if (lowest.compareTo(highest) >= 0) {
            return found;
        }
        Iterator<String> candidates;
        Function<String, String> toEntry;
        List<String> others = new ArrayList<>(tokens);
        if (tokens.isEmpty()) {
            candidates = timeline.subSet(lowest, true, highest, false).descendingIterator();
            toEntry = Function.identity();
        } else {
            others.sort(Comparator.comparingLong(token -> counts.getOrDefault(token, 0L)));
            String driver = others.remove(0);
            if (counts.getOrDefault(driver, 0L) == 0) {
                return found;
            }
            int prefix = driver.length() + 1;
            candidates = postings.subSet(MessageKeys.posting(driver, lowest), true,
                    MessageKeys.posting(driver, highest), false).descendingIterator();
            toEntry = posting -> posting.substring(prefix);
        }
        while (candidates.hasNext() && found.size() < limit) {
            String entry = toEntry.apply(candidates.next());
            if (hasAll(others, entry) && accept.test(entry)) {
                found.add(entry);
            }
        }
        return found;
    }

    private boolean hasAll(List<String> tokens, String entry) {
        for (String token : tokens) {
            if (!postings.contains(MessageKeys.posting(token, entry))) {
                return false;
            }
        }
        return true;
    }

}
