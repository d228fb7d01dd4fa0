package io.parley.testkit.storage;

import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.nio.file.Path;

/** Runs the storage compliance suite against the in-memory provider. */
class MemoryStorageComplianceTest extends AbstractMessageStoreTest {

    @Override
    protected StorageProvider openProvider(Path dir) {
        return new MemoryStorageProvider();
    }
}
