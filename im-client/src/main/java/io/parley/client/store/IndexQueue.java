package io.parley.client.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The search-index changes not applied yet, kept in the store's file ({@code indexQueue}) and written in the same
 * commit as the messages they follow, so that a crash loses none: the background indexer applies them in order and
 * removes them in its own commits; whatever is left at the next open is indexed then. A key is a number that grows
 * with each change; a value is {@code +} (index) or {@code -} (unindex), the entry's length, {@code :}, the entry
 * ({@link MessageKeys}) and the folded text. Not thread-safe: the store locks around it.
 */
final class IndexQueue {
    /** One change: index ({@code add}) or unindex the folded text of an entry. */
    record Change(long key, boolean add, String entry, String foldedText) {
    }

    private final NavigableMap<Long, String> queue;
    private long next;

    IndexQueue(NavigableMap<Long, String> queue) {
        this.queue = queue;
        this.next = queue.isEmpty() ? 1 : queue.lastKey() + 1;
    }

    /** The entry's text is to be indexed; text without tokens needs nothing. */
    void add(String entry, String foldedText) {
        offer('+', entry, foldedText);
    }

    /** The entry's text, indexed before, is to be unindexed. */
    void remove(String entry, String foldedText) {
        offer('-', entry, foldedText);
    }

    private void offer(char op, String entry, String foldedText) {
        if (hasTokens(foldedText)) {
            queue.put(next++, op + Integer.toString(entry.length()) + ':' + entry + foldedText);
        }
    }

    /** Whether {@link SearchTokenizer} finds a token in the text: a letter, a digit or a CJK character. */
    private static boolean hasTokens(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp) || CjkText.isCjk(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** The key of the last change queued (0 when none ever was). */
    long lastKey() {
        return next - 1;
    }

    /** The key before the oldest change waiting: everything up to it is applied. */
    long appliedUpTo() {
        return queue.isEmpty() ? lastKey() : queue.firstKey() - 1;
    }

    /** The oldest {@code max} changes waiting, in order. */
    List<Change> head(int max) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Long, String> e : queue.entrySet()) {
            if (changes.size() >= max) {
                break;
            }
            String value = e.getValue();
            int colon = value.indexOf(':');
            int end = colon + 1 + Integer.parseInt(value.substring(1, colon));
            changes.add(new Change(e.getKey(), value.charAt(0) == '+', value.substring(colon + 1, end),
                    value.substring(end)));
        }
        return changes;
    }

    /** The change is applied. */
    void done(long key) {
        queue.remove(key);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
