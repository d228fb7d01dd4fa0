package io.parley.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link MetadataStore} on PostgreSQL: one {@code metadata} table keyed by (namespace, key) in the "C"
 * collation, so a scan returns keys in the order Java compares them. Each put and delete is its own
 * synchronously committed statement, durable when it returns. Thread-safe; every method blocks on the database.
 */
final class PostgresMetadataStore implements MetadataStore {
    private static final String GET = "SELECT value FROM metadata WHERE namespace = ? AND key = ?";
    private static final String PUT = "INSERT INTO metadata (namespace, key, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value";
    private static final String DELETE = "DELETE FROM metadata WHERE namespace = ? AND key = ?";
    /** The range condition lets the primary key index find the prefix; starts_with keeps exactly the prefixed keys. */
    private static final String SCAN = "SELECT key, value FROM metadata"
            + " WHERE namespace = ? AND key >= ? AND starts_with(key, ?) AND key > ? ORDER BY key LIMIT ?";

    private final Jdbc jdbc;

    PostgresMetadataStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(key, "key is null");
        return jdbc.call("read metadata " + namespace, connection -> {
            try (PreparedStatement get = connection.prepareStatement(GET)) {
                get.setString(1, namespace);
                get.setString(2, key);
                try (ResultSet rows = get.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(String namespace, String key, String value) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        update("write metadata " + namespace, PUT, namespace, key, value);
    }

    @Override
    public void delete(String namespace, String key) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(key, "key is null");
        update("delete metadata " + namespace, DELETE, namespace, key);
    }

    @Override
    public Map<String, String> scan(String namespace, String keyPrefix) {
        return scanPage(namespace, keyPrefix, "", Integer.MAX_VALUE);
    }

    @Override
    public Map<String, String> scanPage(String namespace, String keyPrefix, String afterKey, int limit) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(afterKey, "afterKey is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return jdbc.call("scan metadata " + namespace, connection -> {
            Map<String, String> found = new LinkedHashMap<>();
            try (PreparedStatement scan = connection.prepareStatement(SCAN)) {
                scan.setString(1, namespace);
                scan.setString(2, keyPrefix);
                scan.setString(3, keyPrefix);
                scan.setString(4, afterKey);
                scan.setInt(5, limit);
                try (ResultSet rows = scan.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return found;
        });
    }

    private void update(String what, String sql, String... parameters) {
        jdbc.call(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }
}
