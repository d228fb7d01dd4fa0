package io.parley.storage.postgres;

import io.parley.api.storage.StorageProvider;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's own schema, as a JUnit extension: register it on an instance field with
 * {@code @RegisterExtension}. A test opens (and reopens) providers through {@link #open()}, which always lands
 * on the same schema within a test, and closes them itself (in the test or an {@code @AfterEach}); after the
 * test's {@code @AfterEach} methods have run, the extension drops the schema. Not thread-safe.
 */
final class SchemaPerTest implements AfterEachCallback {
    private final String hint;
    private String schema;

    SchemaPerTest(String hint) {
        this.hint = hint;
    }

    /** A new provider on this test's schema, which the first call creates. */
    StorageProvider open() {
        if (schema == null) {
            schema = PostgresTestDatabase.newSchema(hint);
        }
        return PostgresTestDatabase.open(schema);
    }

    /** Drops the schema, if the test opened one; JUnit calls it after the test's {@code @AfterEach} methods. */
    @Override
    public void afterEach(ExtensionContext context) {
        drop();
    }

    /** Drops the schema, if one was opened; the next {@link #open()} creates a new one. */
    void drop() {
        PostgresTestDatabase.dropSchema(schema);
        schema = null;
    }
}
