package io.parley.testkit.storage;

import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.nio.file.Path;

/** Runs the storage history suite against the in-memory provider, which declares every optional capability. */
class MemoryStorageHistoryComplianceTest extends AbstractStorageHistoryTest {

    @Override
    protected StorageProvider openProvider(Path dir) {
        return new MemoryStorageProvider();
    }
}
