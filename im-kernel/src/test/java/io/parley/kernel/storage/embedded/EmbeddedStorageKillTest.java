package io.parley.kernel.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing JVM with SIGKILL and checks that every acked append is found again, with its seqs. */
class EmbeddedStorageKillTest {
    private static final int ACKS_BEFORE_KILL = 600;

    @TempDir
    Path dir;

    @Test
    void everyAckedAppendSurvivesKill9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Queue<String[]> acks = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line.split(" "));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= ACKS_BEFORE_KILL || !child.isAlive());
            assertThat(child.isAlive()).as("the writer is still writing").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        List<String[]> acked = new ArrayList<>(acks);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir))) {
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
                        .extracting(Message::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
                total += head;
            }
            long sharedHead = provider.messages().inboxHead("shared");
            assertThat(sharedHead).isEqualTo(total);
            assertThat(provider.messages().readInbox("shared", 0, (int) sharedHead + 1, 0).entries())
                    .extracting(InboxEntry::inboxSeq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, sharedHead).boxed().toList());
        }
    }
}
