package io.parley.storage.postgres;

import io.parley.api.storage.StorageProvider;

/**
 * One test's own schema: the compliance suites open (and reopen) the provider through {@link #open()}, which
 * always lands on the same schema within a test; {@link #drop()} removes it afterwards. Not thread-safe.
 */
final class SchemaPerTest {
    private final String hint;
    private String schema;

    SchemaPerTest(String hint) {
        this.hint = hint;
    }

    StorageProvider open() {
        if (schema == null) {
            schema = PostgresTestDatabase.newSchema(hint);
        }
        return PostgresTestDatabase.open(schema);
    }

    void drop() {
        PostgresTestDatabase.dropSchema(schema);
        schema = null;
    }
}
