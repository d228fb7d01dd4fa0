package io.parley.kernel.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key table's file on disk. */
class KeyTableTest {
    @TempDir
    Path dir;

    /** Blocks the file system holds for {@code file}, as {@code stat} counts them (512 bytes each). */
    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(stat.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stat.exitValue()).as("stat said %s", out).isZero();
        return Long.parseLong(out) * 512;
    }

    /**
     * A page of a mapped file that the disk cannot back faults when first written, and the JVM reports that late, on
     * whatever the committer does next; so the table's blocks are taken when it is made, where a full disk is an
     * IOException.
     */
    @Test
    void aNewTableHoldsEveryBlockOfItsFileSoThatWritingItsSlotsNeedsNoMoreDisk() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/stat")), "needs stat to count a file's blocks");
        try (KeyTable table = KeyTable.open(dir, offset -> true)) {
            table.insert(KeyTable.hash('k', "ann:1"), 42);
            Path file = dir.resolve(KeyTable.FILE);
            assertThat(allocatedBytes(file)).isGreaterThanOrEqualTo(Files.size(file));
        }
    }
}
