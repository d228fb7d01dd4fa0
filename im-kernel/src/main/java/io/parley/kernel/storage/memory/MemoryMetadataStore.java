package io.parley.kernel.storage.memory;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.MetadataStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link MetadataStore} in memory: namespaces of sorted concurrent maps. Thread-safe; never blocks. */
final class MemoryMetadataStore implements MetadataStore {
    private final Map<String, ConcurrentSkipListMap<String, String>> namespaces = new ConcurrentHashMap<>();
    private volatile boolean closed;

    void close() {
        closed = true;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        requireNonNull(key, "key is null");
        ConcurrentSkipListMap<String, String> entries = namespaces.get(checked(namespace));
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String namespace, String key, String value) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        namespaces.computeIfAbsent(checked(namespace), name -> new ConcurrentSkipListMap<>()).put(key, value);
    }

    @Override
    public void delete(String namespace, String key) {
        requireNonNull(key, "key is null");
        ConcurrentSkipListMap<String, String> entries = namespaces.get(checked(namespace));
        if (entries != null) {
            entries.remove(key);
        }
    }

    @Override
    public Map<String, String> scan(String namespace, String keyPrefix) {
        return scanPage(namespace, keyPrefix, "", Integer.MAX_VALUE);
    }

    @Override
    public Map<String, String> scanPage(String namespace, String keyPrefix, String afterKey, int limit) {
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(afterKey, "afterKey is null");
        Map<String, String> result = new LinkedHashMap<>();
        ConcurrentSkipListMap<String, String> entries = namespaces.get(checked(namespace));
        if (entries == null) {
            return result;
        }
        var from = afterKey.compareTo(keyPrefix) >= 0 ? entries.tailMap(afterKey, false) : entries.tailMap(keyPrefix, true);
        for (Map.Entry<String, String> entry : from.entrySet()) {
            if (!entry.getKey().startsWith(keyPrefix) || result.size() == limit) {
                break;
            }
            result.put(entry.getKey(), entry.getValue());
        }
        return result;
    }

    private String checked(String namespace) {
        requireNonNull(namespace, "namespace is null");
        if (closed) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
        }
        return namespace;
    }
}
