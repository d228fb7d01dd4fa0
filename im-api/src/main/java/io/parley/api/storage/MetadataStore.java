package io.parley.api.storage;

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
}
