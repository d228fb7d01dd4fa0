package io.parley.plugin.push;

import io.parley.api.storage.MetadataStore;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The metadata store's contract in memory (key order included), for unit tests of the plugin's stores. */
public final class InMemoryMetadata implements MetadataStore {
    private final Map<String, String> values = new ConcurrentSkipListMap<>();

    @Override
    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(values.get(namespace + "\u0000" + key));
    }

    @Override
    public void put(String namespace, String key, String value) {
        values.put(namespace + "\u0000" + key, value);
    }

    @Override
    public void delete(String namespace, String key) {
        values.remove(namespace + "\u0000" + key);
    }

    @Override
    public Map<String, String> scan(String namespace, String keyPrefix) {
        Map<String, String> result = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(namespace + "\u0000" + keyPrefix)) {
                result.put(key.substring(namespace.length() + 1), value);
            }
        });
        return result;
    }
}
