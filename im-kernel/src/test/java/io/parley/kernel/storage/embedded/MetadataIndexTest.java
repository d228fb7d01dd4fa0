package io.parley.kernel.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata index keeps the removals as they are at each checkpoint, across a reopen. */
class MetadataIndexTest {
    @TempDir
    Path dir;

    @Test
    void aReclaimAndADeleteInOneCheckpointAreBothKept() throws Exception {
        Removals removals = new Removals();
        removals.kill(new long[] {100, 200});
        MetadataIndex index = MetadataIndex.open(dir, true);
        index.storeRemovals(removals);
        index.commit(0, 0);

        // a segment below 150 is deleted and another message is deleted: as many dead offsets as before
        removals.forgetBelow(150);
        removals.kill(new long[] {300});
        index.storeRemovals(removals);
        index.commit(0, 0);
        index.close();

        MetadataIndex reopened = MetadataIndex.open(dir, false);
        Removals loaded = new Removals();
        reopened.loadInto(loaded);
        reopened.close();
        assertThat(loaded.deadOffsets()).containsExactly(200, 300);
    }
}
