package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.storage.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the plugin's stores use the {@link MetadataStore}: flags (a key present with an empty value), lists read as
 * the suffixes of a prefix scan, deletion of everything under a prefix, and records kept as JSON with the plugin's
 * one {@link ObjectMapper}. Thread-safe (the store is); blocks on storage.
 */
final class MetadataRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;

    MetadataRecords(MetadataStore store) {
        this.store = store;
    }

    Optional<String> get(String namespace, String key) {
        return store.get(namespace, key);
    }

    void put(String namespace, String key, String value) {
        store.put(namespace, key, value);
    }

    void delete(String namespace, String key) {
        store.delete(namespace, key);
    }

    /** The keys under {@code prefix}, in key order. */
    Set<String> keysUnder(String namespace, String prefix) {
        return store.scan(namespace, prefix).keySet();
    }

    /** The entries under {@code prefix}, in key order. */
    java.util.Map<String, String> scan(String namespace, String prefix) {
        return store.scan(namespace, prefix);
    }

    /** Deletes every key under {@code prefix}, one by one. */
    void deleteUnder(String namespace, String prefix) {
        for (String key : store.scan(namespace, prefix).keySet()) {
            store.delete(namespace, key);
        }
    }

    boolean present(String namespace, String key) {
        return store.get(namespace, key).isPresent();
    }

    /** Sets a flag ({@code on}: the key with an empty value) or clears it (the key deleted). */
    void set(String namespace, String key, boolean on) {
        if (on) {
            store.put(namespace, key, "");
        } else {
            store.delete(namespace, key);
        }
    }

    /** What follows {@code prefix} in each key under it, in key order. */
    List<String> suffixes(String namespace, String prefix) {
        List<String> result = new ArrayList<>();
        store.scan(namespace, prefix).keySet().forEach(key -> result.add(key.substring(prefix.length())));
        return result;
    }

    /** A seq as a key part that sorts in numeric order. */
    static String pad(long seq) {
        return String.format("%019d", seq);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt ultragroup record: " + json, e);
        }
    }
}
