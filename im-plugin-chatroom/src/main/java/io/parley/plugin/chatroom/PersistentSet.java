package io.parley.plugin.chatroom;

import io.parley.api.storage.MetadataStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A set of strings, or of strings with a number (an end time), kept in memory for fast reads and written
 * through to one metadata namespace, so that it survives a restart. Reads never block; writes block on
 * storage (call them from worker threads). Thread-safe.
 */
final class PersistentSet {
    private final MetadataStore store;
    private final String namespace;
    private final ConcurrentMap<String, Long> values = new ConcurrentHashMap<>();

    PersistentSet(MetadataStore store, String namespace) {
        this.store = store;
        this.namespace = namespace;
        for (Map.Entry<String, String> entry : store.scan(namespace, "").entrySet()) {
            values.put(entry.getKey(), parse(entry.getValue()));
        }
    }

    void add(Collection<String> keys) {
        put(keys, 0);
    }

    /** Adds keys, each with a number (for a timed list, the end time). */
    void put(Collection<String> keys, long number) {
        for (String key : keys) {
            store.put(namespace, key, Long.toString(number));
            values.put(key, number);
        }
    }

    /** Removes keys; returns how many were present. */
    int remove(Collection<String> keys) {
        int removed = 0;
        for (String key : keys) {
            if (values.remove(key) != null) {
                removed++;
            }
            store.delete(namespace, key);
        }
        return removed;
    }

    boolean contains(String key) {
        return values.containsKey(key);
    }

    /** For a timed list: whether the key is present with an end time after {@code now}. */
    boolean containsUntilAfter(String key, long now) {
        Long until = values.get(key);
        return until != null && until > now;
    }

    List<String> sorted() {
        return values.keySet().stream().sorted().toList();
    }

    /** Every key with its number, sorted by key. */
    Map<String, Long> entries() {
        return new java.util.TreeMap<>(values);
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
