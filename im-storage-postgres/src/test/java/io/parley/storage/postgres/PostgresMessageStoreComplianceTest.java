package io.parley.storage.postgres;

import io.parley.api.storage.StorageProvider;
import io.parley.testkit.storage.AbstractMessageStoreTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** Runs the storage SPI's core compliance suite against PostgreSQL, each test in a schema of its own. */
class PostgresMessageStoreComplianceTest extends AbstractMessageStoreTest {
    private final SchemaPerTest schema = new SchemaPerTest("core");

    @Override
    protected StorageProvider openProvider(Path dir) {
        return schema.open();
    }

    @AfterEach
    void dropSchema() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
        schema.drop();
    }
}
