package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readable watermark: while writers append (and the log rolls into small segments whose index files are written
 * in the background), readers that read up to the head they see always get every seq up to it, never a hole.
 */
class EmbeddedWatermarkTest {
    private static final int WRITERS = 4;
    private static final int PER_WRITER = 3_000;

    @TempDir
    Path dir;

    @Test
    void readsUpToTheHeadNeverSeeAHole() throws Exception {
        EmbeddedStorageConfig config = new EmbeddedStorageConfig(dir, Durability.COMMIT_NO_SYNC, 64 * 1024,
                Duration.ofMillis(100), 64);
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> holes = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ConversationKey group = new ConversationKey(ConversationType.GROUP, "g" + w);
                threads.add(new Thread(() -> {
                    List<CompletableFuture<AppendResult>> window = new ArrayList<>();
                    for (int i = 0; i < PER_WRITER; i++) {
                        window.add(provider.messages().append(request(message(group, "w", "m" + i,
                                System.currentTimeMillis()), "shared")).toCompletableFuture());
                        if (window.size() == 16) {
                            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
                            window.clear();
                        }
                    }
                    CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
                }, "writer-" + w));
            }
            for (int r = 0; r < 2; r++) {
                threads.add(new Thread(() -> {
                    while (writing.get()) {
                        long head = provider.messages().inboxHead("shared");
                        long from = Math.max(0, head - 40);
                        List<Long> seqs = provider.messages().readInbox("shared", from, 40, 0).entries().stream()
                                .map(InboxEntry::inboxSeq).toList();
                        if (!gapless(seqs, from + 1, head)) {
                            holes.add("inbox after " + from + " up to head " + head + ": " + seqs);
                        }
                        ConversationKey group = new ConversationKey(ConversationType.GROUP, "g" + (head % WRITERS));
                        long groupHead = provider.messages().conversationHead(group);
                        long after = Math.max(0, groupHead - 20);
                        List<Long> groupSeqs = provider.messages().readConversation(group, after, 20).stream()
                                .map(Message::seq).toList();
                        if (!gapless(groupSeqs, after + 1, groupHead)) {
                            holes.add(group + " after " + after + " up to head " + groupHead + ": " + groupSeqs);
                        }
                        reads.incrementAndGet();
                    }
                }, "reader-" + r));
            }
            threads.forEach(Thread::start);
            for (Thread writer : threads.subList(0, WRITERS)) {
                writer.join();
            }
            writing.set(false);
            for (Thread reader : threads.subList(WRITERS, threads.size())) {
                reader.join();
            }
            assertThat(holes).as("reads that met a hole").isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(provider.messages().inboxHead("shared")).isEqualTo((long) WRITERS * PER_WRITER);
            assertThat(dir.resolve("index")).as("segments were sealed and indexed meanwhile").isNotEmptyDirectory();
        }
    }

    /**
     * Whether {@code seqs} run from {@code first} with no gap up to at least {@code head} (the head read before the
     * read; the store's own head may have moved on meanwhile, so more may follow).
     */
    private static boolean gapless(List<Long> seqs, long first, long head) {
        if (head < first) {
            return true;
        }
        if (seqs.isEmpty() || seqs.get(seqs.size() - 1) < head) {
            return false;
        }
        return seqs.equals(LongStream.rangeClosed(first, first + seqs.size() - 1).boxed().toList());
    }
}
