package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that already holds 100,000 messages over many segments is written to by a child JVM that is killed with
 * SIGKILL: the restart replays only the log after the last checkpoint (not the 100,000), and finds every acked
 * message, the earlier messages, the metadata, a delete and a clean, with gapless seqs.
 */
class EmbeddedCheckpointKillTest {
    private static final int EARLIER = 100_000;
    private static final long SEGMENT_BYTES = 1024 * 1024;
    private static final long CHECKPOINT_MILLIS = 200;
    private static final ConversationKey CLEANED = ConversationKey.privateChat("amy", "cleo");

    @TempDir
    Path dir;

    private EmbeddedStorageConfig config() {
        return new EmbeddedStorageConfig(dir, Durability.FSYNC, SEGMENT_BYTES, Duration.ofMillis(CHECKPOINT_MILLIS),
                EmbeddedStorageConfig.DEFAULT_MAX_BATCH);
    }

    @Test
    void aKilledWriterRestartsFromItsLastCheckpointWithEveryAckedMessage() throws Exception {
        String deletedUid;
        long endBeforeChild;
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            fill(provider);
            provider.metadata().put("users", "amy", "{\"name\":\"Amy\"}");
            deletedUid = provider.messages().readConversation(pair(7), 0, 1).get(0).messageUid();
            assertThat(provider.messages().deleteMessage(deletedUid)).isTrue();
            assertThat(provider.messages().cleanHistory(CLEANED, Long.MAX_VALUE)).isEqualTo(10);
            endBeforeChild = provider.bytesOnDisk();
        }
        assertThat(endBeforeChild).isGreaterThan(10 * SEGMENT_BYTES);

        List<String[]> acked = new ArrayList<>();
        long replayedByChild = runChildUntilKilled(acked);
        assertThat(replayedByChild).as("a clean close leaves nothing to replay").isZero();
        assertThat(acked).hasSizeGreaterThanOrEqualTo(2_000);

        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            RecoveryReport report = provider.recovery();
            assertThat(report.rebuilt()).isFalse();
            assertThat(report.fromOffset()).as("replay starts near the end, not at the start of the log").isPositive();
            assertThat(report.records()).as("only the tail after the last checkpoint is replayed")
                    .isLessThan(EARLIER / 4);
            Map<String, Long> highestAcked = new HashMap<>();
            for (String[] ack : acked) {
                Message found = provider.messages().findByUid(ack[1]).orElseThrow(
                        () -> new AssertionError("acked message " + ack[1] + " was lost"));
                assertThat(found.seq()).isEqualTo(Long.parseLong(ack[2]));
                highestAcked.merge(ack[3], Long.parseLong(ack[2]), Math::max);
            }
            long total = 0;
            for (int t = 0; t < 4; t++) {
                ConversationKey conversation = new ConversationKey(ConversationType.GROUP, "g" + t);
                long head = provider.messages().conversationHead(conversation);
                assertThat(head).isGreaterThanOrEqualTo(highestAcked.getOrDefault("g" + t, 0L));
                assertThat(provider.messages().readConversation(conversation, 0, (int) head + 1))
                        .extracting(Message::seq).containsExactlyElementsOf(range(1, head));
                total += head;
            }
            long sharedHead = provider.messages().inboxHead("shared");
            assertThat(sharedHead).isEqualTo(total);
            assertThat(provider.messages().readInbox("shared", 0, (int) sharedHead + 1, 0).entries())
                    .extracting(InboxEntry::inboxSeq).containsExactlyElementsOf(range(1, sharedHead));

            assertThat(provider.messages().conversationHead(pair(3))).isEqualTo(EARLIER / 1000);
            assertThat(provider.messages().readConversation(pair(3), 0, 1000)).extracting(Message::seq)
                    .containsExactlyElementsOf(range(1, EARLIER / 1000));
            assertThat(provider.messages().inboxHead("u3")).isEqualTo(EARLIER / 1000);
            assertThat(provider.messages().findByUid(deletedUid)).as("deleted before the crash").isEmpty();
            assertThat(provider.messages().readConversation(pair(7), 0, 1000)).hasSize(EARLIER / 1000 - 1);
            assertThat(provider.messages().readConversation(CLEANED, 0, 100)).as("cleaned before the crash").isEmpty();
            assertThat(provider.metadata().get("users", "amy")).contains("{\"name\":\"Amy\"}");
        }
    }

    private static ConversationKey pair(int i) {
        return ConversationKey.privateChat("u" + i, "v" + i);
    }

    /** 100,000 private messages over 1,000 pairs (plus 10 to be cleaned), appended 512 at a time. */
    private static void fill(EmbeddedStorageProvider provider) {
        List<CompletableFuture<AppendResult>> window = new ArrayList<>();
        for (int i = 0; i < EARLIER; i++) {
            int p = i % 1000;
            window.add(provider.messages().append(request(message(pair(p), "u" + p, "earlier message " + i, 1000 + i),
                    "u" + p, "v" + p)).toCompletableFuture());
            if (window.size() == 512) {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
                window.clear();
            }
        }
        for (int i = 0; i < 10; i++) {
            window.add(provider.messages().append(request(message(CLEANED, "amy", "to clean " + i, 1000 + i), "amy",
                    "cleo")).toCompletableFuture());
        }
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
    }

    /** Runs {@link CrashWriter} on the store until it has acked enough and a checkpoint has passed, then kills it. */
    private long runChildUntilKilled(List<String[]> into) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), Long.toString(SEGMENT_BYTES),
                Long.toString(CHECKPOINT_MILLIS)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Queue<String[]> acks = new ConcurrentLinkedQueue<>();
        long[] replayed = {-1};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line.split(" "));
                    } else if (line.startsWith("OPEN ")) {
                        replayed[0] = Long.parseLong(line.substring(5));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> acks.size() >= 2_000 || !child.isAlive());
            assertThat(child.isAlive()).as("the writer is still writing").isTrue();
            int before = acks.size();
            // several checkpoint intervals, so that the restart has a recent checkpoint to start from
            await().atMost(Duration.ofSeconds(120)).until(() -> acks.size() >= before + 2_000 || !child.isAlive());
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        into.addAll(acks);
        return replayed[0];
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
