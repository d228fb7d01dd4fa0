package io.parley.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs the history suite against a memory provider that declares only HISTORY_BY_TIME: the suite's other
 * capability tests are skipped and its refusal test must see every undeclared operation fail with 33011.
 */
class RestrictedStorageHistoryComplianceTest extends AbstractStorageHistoryTest {

    @Override
    protected StorageProvider openProvider(Path dir) {
        return new MemoryStorageProvider(Set.of(StorageCapability.HISTORY_BY_TIME));
    }

    @Test
    void declaresOnlyWhatItWasGiven() {
        assertThat(provider.capabilities()).containsExactly(StorageCapability.HISTORY_BY_TIME);
    }
}
