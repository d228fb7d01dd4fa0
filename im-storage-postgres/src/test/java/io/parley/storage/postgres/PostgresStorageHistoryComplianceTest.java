package io.parley.storage.postgres;

import io.parley.api.storage.StorageProvider;
import io.parley.testkit.storage.AbstractStorageHistoryTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the storage SPI's history suite (paging back, by time, delete, clean, retention, scans) against PostgreSQL. */
class PostgresStorageHistoryComplianceTest extends AbstractStorageHistoryTest {
    @RegisterExtension
    final SchemaPerTest schema = new SchemaPerTest("history");

    @Override
    protected StorageProvider openProvider(Path dir) {
        return schema.open();
    }
}
