package io.parley.storage.postgres;

import io.parley.api.storage.StorageProvider;
import io.parley.testkit.storage.AbstractMessageStoreTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the storage SPI's core compliance suite against PostgreSQL, each test in a schema of its own. */
class PostgresMessageStoreComplianceTest extends AbstractMessageStoreTest {
    @RegisterExtension
    final SchemaPerTest schema = new SchemaPerTest("core");

    @Override
    protected StorageProvider openProvider(Path dir) {
        return schema.open();
    }
}
