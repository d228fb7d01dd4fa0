package io.parley.plugin.moderation;

import io.parley.api.storage.MetadataStore;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A metadata store in memory, for unit tests of the stores. Thread-safe. */
public final class InMemoryMetadata implements MetadataStore {
    private final Map<String, ConcurrentSkipListMap<String, String>> namespaces = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(namespace(namespace).get(key));
    }

    @Override
    public void put(String namespace, String key, String value) {
        namespace(namespace).put(key, value);
    }

    @Override
    public void delete(String namespace, String key) {
        namespace(namespace).remove(key);
    }

    @Override
    public Map<String, String> scan(String namespace, String keyPrefix) {
        Map<String, String> result = new TreeMap<>();
        namespace(namespace).tailMap(keyPrefix).forEach((key, value) -> {
            if (key.startsWith(keyPrefix)) {
                result.put(key, value);
            }
        });
        return result;
    }

    private ConcurrentSkipListMap<String, String> namespace(String name) {
        return namespaces.computeIfAbsent(name, ignored -> new ConcurrentSkipListMap<>());
    }
}
