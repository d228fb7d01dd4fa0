package io.parley.storage.postgres;

import io.parley.api.storage.StorageProvider;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One open provider per test, on a schema of the test's own, as a JUnit extension: register it on an instance
 * field with {@code @RegisterExtension}. It opens the provider before each test ({@link #provider()}), then
 * closes it and drops the schema after the test's {@code @AfterEach} methods. For tests that need the schema
 * itself or several providers on it, see {@link SchemaPerTest}.
 */
final class ProviderPerTest implements BeforeEachCallback, AfterEachCallback {
    private final SchemaPerTest schema;
    private StorageProvider provider;

    ProviderPerTest(String hint) {
        this.schema = new SchemaPerTest(hint);
    }

    /** The provider the current test runs against. */
    StorageProvider provider() {
        return provider;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        provider = schema.open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (provider != null) {
                provider.close();
            }
        } finally {
            provider = null;
            schema.drop();
        }
    }
}
