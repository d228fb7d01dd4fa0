package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.append;
import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store refuses to open with a message naming the file and the repair; repair then keeps what is whole. */
class EmbeddedCorruptionTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");

    @TempDir
    Path dir;

    private EmbeddedStorageProvider open() {
        return new EmbeddedStorageProvider(
                new EmbeddedStorageConfig(dir, Durability.FSYNC, 16384, Duration.ofSeconds(10), 64));
    }

    private List<AppendResult> write(int count) {
        List<AppendResult> sent = new ArrayList<>();
        try (EmbeddedStorageProvider provider = open()) {
            for (int i = 0; i < count; i++) {
                sent.add(append(provider, request(message(CHAT, "ann", "m".repeat(100) + i, 1000 + i), "ann", "ben")));
            }
        }
        return sent;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            return files.sorted().toList();
        }
    }

    private static void overwrite(Path file, long position, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), position);
        }
    }

    private void assertRefusedNaming(Path file) {
        assertThatThrownBy(this::open).isInstanceOfSatisfying(ImException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE);
            assertThat(e.getMessage()).contains(file.toString()).contains("parley-server.jar repair")
                    .contains("docs/operations.md");
        });
    }

    @Test
    void garbageInTheMiddleOfASealedSegmentIsReportedAndRepaired() throws IOException {
        List<AppendResult> sent = write(300);
        Path sealed = segments().get(1);
        StoreRecovery.forgetDerivedState(dir); // as after a restore: the whole log is replayed
        overwrite(sealed, 4000, "garbage garbage garbage".getBytes());

        assertRefusedNaming(sealed);
        StorageRepair.Report report = StorageRepair.repair(dir);
        assertThat(report.paddedBytes()).isPositive();
        assertThat(report.truncatedBytes()).isZero();

        try (EmbeddedStorageProvider provider = open()) {
            List<Message> kept = provider.messages().readConversation(CHAT, 0, 500);
            assertThat(kept.size()).as("only the damaged records are lost").isBetween(290, 299);
            assertThat(kept).isSubsetOf(sent.stream().map(AppendResult::message).toList());
            assertThat(kept.get(kept.size() - 1).seq()).isEqualTo(300);
            assertThat(append(provider, request(message(CHAT, "ben", "after repair", 5000), "ann", "ben"))
                    .message().seq()).isEqualTo(301);
        }
    }

    @Test
    void damageFollowedByValidRecordsInTheLastSegmentIsNotMistakenForATornTail() throws IOException {
        write(20);
        Path last = segments().get(segments().size() - 1);
        overwrite(last, 300, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertRefusedNaming(last);
        StorageRepair.repair(dir);
        try (EmbeddedStorageProvider provider = open()) {
            assertThat(provider.messages().readConversation(CHAT, 0, 50)).hasSizeBetween(17, 19);
        }
    }

    @Test
    void aTruncatedSealedSegmentIsReportedAndRepaired() throws IOException {
        write(300);
        Path sealed = segments().get(0);
        try (FileChannel channel = FileChannel.open(sealed, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 500);
        }
        assertRefusedNaming(sealed);
        StorageRepair.repair(dir);
        try (EmbeddedStorageProvider provider = open()) {
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(300);
            assertThat(provider.messages().readConversation(CHAT, 0, 500)).hasSizeBetween(295, 299);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static long base(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    private void assertRefusedAsTruncated(Path file, long recordedEnd) {
        assertThatThrownBy(this::open).isInstanceOfSatisfying(ImException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE);
            assertThat(e.getMessage()).contains(file.toString()).contains("parley-server.jar repair")
                    .contains("recorded the log as written up to offset " + recordedEnd).contains("truncated");
        });
    }

    @Test
    void aCleanlyClosedLogMissingItsTailRefusesToStartAndRepairReportsWhatWasLost() throws IOException {
        List<AppendResult> sent = write(20);
        Path last = segments().get(segments().size() - 1);
        long end = base(last) + Files.size(last);
        truncate(last, Files.size(last) - 20);

        assertRefusedAsTruncated(last, end);
        assertRefusedAsTruncated(last, end); // refusing changed nothing: the evidence is still there
        StorageRepair.Report report = StorageRepair.repair(dir);
        assertThat(report.truncatedBytes()).as("the rest of the torn record").isPositive();
        assertThat(report.recordedEnd()).isEqualTo(end);
        assertThat(report.lostBytes()).isEqualTo(end - report.end()).isGreaterThan(20);
        assertThat(report.restatedHeads()).as("the chat and two inboxes").isEqualTo(3);

        try (EmbeddedStorageProvider provider = open()) {
            assertThat(provider.recovery().rebuilt()).isTrue();
            assertThat(provider.messages().readConversation(CHAT, 0, 50))
                    .containsExactlyElementsOf(sent.subList(0, 19).stream().map(AppendResult::message).toList());
            // a device that received the lost message would drop a new one under its seq: seq 20 is not given again
            AppendResult next = append(provider, request(message(CHAT, "ben", "after repair", 5000), "ann", "ben"));
            assertThat(next.message().seq()).isEqualTo(21);
            assertThat(next.inboxSeqs()).containsEntry("ann", 21L).containsEntry("ben", 21L);
        }
    }

    @Test
    void aCleanlyClosedLogCutAtARecordBoundaryRefusesToStart() throws IOException {
        write(19);
        Path last = segments().get(segments().size() - 1);
        long nineteen = Files.size(last);
        write(1);
        long end = base(last) + Files.size(last);
        truncate(last, nineteen);

        assertRefusedAsTruncated(last, end);
        StorageRepair.Report report = StorageRepair.repair(dir);
        assertThat(report.truncatedBytes()).as("whole records only: nothing torn to cut").isZero();
        assertThat(report.lostBytes()).isEqualTo(end - base(last) - nineteen);
        try (EmbeddedStorageProvider provider = open()) {
            assertThat(provider.messages().readConversation(CHAT, 0, 50)).hasSize(19);
            assertThat(provider.messages().conversationHead(CHAT)).as("the lost seq stays taken").isEqualTo(20);
        }
    }

    @Test
    void aDamagedLastRecordOfACleanlyClosedLogIsNotMistakenForATornTail() throws IOException {
        List<AppendResult> sent = write(20);
        Path last = segments().get(segments().size() - 1);
        long end = base(last) + Files.size(last);
        overwrite(last, Files.size(last) - 5, new byte[] {1, 2, 3});

        assertThatThrownBy(this::open).isInstanceOfSatisfying(ImException.class, e ->
                assertThat(e.getMessage()).contains(last.toString()).contains("parley-server.jar repair")
                        .contains("recorded the log as written up to offset " + end)
                        .contains("bad length or checksum"));
        StorageRepair.Report report = StorageRepair.repair(dir);
        assertThat(report.lostBytes()).isPositive();
        try (EmbeddedStorageProvider provider = open()) {
            assertThat(provider.messages().readConversation(CHAT, 0, 50))
                    .containsExactlyElementsOf(sent.subList(0, 19).stream().map(AppendResult::message).toList());
        }
    }

    @Test
    void aMissingLastSegmentRefusesToStart() throws IOException {
        write(300);
        List<Path> segments = segments();
        Path last = segments.get(segments.size() - 1);
        long end = base(last) + Files.size(last);
        Files.delete(last);

        assertRefusedAsTruncated(segments.get(segments.size() - 2), end);
    }

    @Test
    void withoutFsyncAPowerCutMayTakeBackWritesACheckpointSawAndTheStoreStillStarts() throws IOException {
        Path live = dir.resolve("live");
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(
                new EmbeddedStorageConfig(live, Durability.COMMIT_NO_SYNC, 16384, Duration.ofHours(1), 64))) {
            for (int i = 0; i < 6; i++) {
                append(provider, request(message(CHAT, "ann", "m".repeat(100) + i, 1000 + i), "ann", "ben"));
            }
            provider.checkpoint();
            // what a power cut leaves of a store that did not force its writes: the checkpoint, not all the writes
            StorageTestSupport.copyTree(live, dir.resolve("cut"));
        }
        Path segment = dir.resolve("cut").resolve("log").resolve(LogSegment.fileName(0));
        truncate(segment, Files.size(segment) / 2);
        StorageTestSupport.copyTree(dir.resolve("cut"), dir.resolve("cut-fsync"));

        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(new EmbeddedStorageConfig(dir.resolve("cut"),
                Durability.COMMIT_NO_SYNC, 16384, Duration.ofHours(1), 64))) {
            assertThat(provider.recovery().rebuilt()).isTrue();
            assertThat(provider.messages().conversationHead(CHAT)).isBetween(2L, 3L);
        }
        // with fsync a checkpoint records only what was forced: the same files mean acknowledged writes are missing
        assertThatThrownBy(() -> new EmbeddedStorageProvider(new EmbeddedStorageConfig(dir.resolve("cut-fsync"),
                Durability.FSYNC, 16384, Duration.ofHours(1), 64))).isInstanceOfSatisfying(ImException.class, e ->
                        assertThat(e.getMessage()).contains("parley-server.jar repair"));
    }

    @Test
    void anUnreadableMetadataIndexIsRebuiltFromTheLog() throws IOException {
        List<AppendResult> sent = write(50);
        overwrite(dir.resolve(MetadataIndex.FILE), 0, "this is not a MapDB file at all".repeat(20).getBytes());
        try (EmbeddedStorageProvider provider = open()) {
            assertThat(provider.recovery().rebuilt()).isTrue();
            assertThat(provider.messages().readConversation(CHAT, 0, 100)).containsExactlyElementsOf(
                    sent.stream().map(AppendResult::message).toList());
        }
    }

    @Test
    void repairRefusesWhileTheStoreIsOpen() throws IOException {
        write(5);
        try (EmbeddedStorageProvider provider = open()) {
            assertThatThrownBy(() -> StorageRepair.repair(dir)).isInstanceOf(ImException.class)
                    .hasMessageContaining("already in use");
        }
    }
}
