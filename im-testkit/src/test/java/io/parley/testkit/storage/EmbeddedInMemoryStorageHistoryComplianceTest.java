package io.parley.testkit.storage;

import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.embedded.Durability;
import io.parley.kernel.storage.embedded.EmbeddedStorageConfig;
import io.parley.kernel.storage.embedded.EmbeddedStorageProvider;
import java.nio.file.Path;

/** Runs the storage history suite against the embedded engine with durability {@code memory} (nothing on disk). */
class EmbeddedInMemoryStorageHistoryComplianceTest extends AbstractStorageHistoryTest {

    @Override
    protected StorageProvider openProvider(Path dir) {
        return new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir).withDurability(Durability.MEMORY));
    }
}
