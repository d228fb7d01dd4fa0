package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ultragroup messages expire after {@code retention.ultra-group} (7 days by default); seqs are never reused. */
class UltragroupRetentionTest {
    @TempDir
    Path dataDir;

    @Test
    void messagesOlderThanTheRetentionWindowAreDroppedAndSeqsGoOn() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "retention.ultra-group", "2s",
                "retention.sweep-interval", "200ms")) {
            assertThat(server.serverApi().post("/ultragroup/create.json", "groupId", "old", "userId", "vic").code())
                    .isEqualTo(200);
            try (Device vic = Device.connect(server, "vic")) {
                vic.send("old", "first");
                vic.send("old", "second");
                assertThat(vic.history("old")).hasSize(2);
                await().atMost(Duration.ofSeconds(20)).until(() -> vic.history("old").isEmpty());
                assertThat(vic.channel("old", "old")).containsEntry("latestSeq", 2);
                assertThat(vic.send("old", "third").seq()).isEqualTo(3);
                assertThat(vic.history("old")).extracting(m -> m.get("seq")).containsExactly(3);
                assertThat(vic.command("ultragroup.history", Map.of("targetId", "old")).get("latestSeq")).isEqualTo(3);
            }
        }
    }
}
