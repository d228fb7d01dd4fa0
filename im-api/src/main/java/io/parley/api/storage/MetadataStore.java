package io.parley.api.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Small durable records keyed by namespace and key: users, token revocations, device cursors, and any
 * plugin's own data (a plugin uses its own name as its namespace prefix). Values are opaque strings,
 * usually JSON. Thread-safe. Every method may block on I/O; never call one on an event loop.
 * A {@code put} or {@code delete} is durable when it returns.
 */
public interface MetadataStore {

    Optional<String> get(String namespace, String key);

    void put(String namespace, String key, String value);

    void delete(String namespace, String key);

    /** Every entry of a namespace whose key starts with {@code keyPrefix}, in key order. */
    Map<String, String> scan(String namespace, String keyPrefix);

    /**
     * One page of {@link #scan}: at most {@code limit} entries whose key starts with {@code keyPrefix} and
     * sorts after {@code afterKey} ({@code ""} for the first page), in key order. To walk a namespace too large
     * to hold in memory, pass the last key of each page as the next {@code afterKey} until a page comes back
     * shorter than {@code limit}. The default filters a whole {@link #scan}; providers read only the page.
     */
    default Map<String, String> scanPage(String namespace, String keyPrefix, String afterKey, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, String> page = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : scan(namespace, keyPrefix).entrySet()) {
            if (entry.getKey().compareTo(afterKey) > 0) {
                page.put(entry.getKey(), entry.getValue());
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }
}
