package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageProvider;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud storage of room history: off by default (nothing stored, and asking for it is refused), on when
 * {@code retention.chatroom} names a window — then stored seqs are the seqs members saw, they continue
 * when a room is created again after a restart, and members page back through them.
 */
class ChatroomStoredHistoryTest {
    @TempDir
    Path dataDir;

    @Test
    void offByDefaultNothingIsStored() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir); Member ann = Member.connect(server, "ann")) {
            ann.join("lobby");
            ann.send("lobby", "RC:TxtMsg", "not kept");
            MessageStore store = server.server().kernelObject(StorageProvider.class).messages();
            assertThat(store.conversationHead(new ConversationKey(ConversationType.CHATROOM, "lobby"))).isZero();
            assertThat(ann.commandError("chatroom.history", Map.of("roomId", "lobby"))).isEqualTo(23490);
        }
    }

    @Test
    void whenKeptMembersPageBackAndSeqsContinueAcrossARestart() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "retention.chatroom", "7d")) {
            try (Member ann = Member.connect(server, "ann"); Member ben = Member.connect(server, "ben")) {
                ann.join("lobby");
                for (int i = 1; i <= 5; i++) {
                    SendResult sent = ann.send("lobby", "RC:TxtMsg", "m" + i);
                    assertThat(sent.seq()).isEqualTo(i);
                }
                assertThat(ben.commandError("chatroom.history", Map.of("roomId", "lobby"))).isEqualTo(23406);
                // the durable append follows the delivery, so wait for the last one to land
                await().atMost(Duration.ofSeconds(10)).until(() -> seqs(ann.command("chatroom.history",
                        Map.of("roomId", "lobby", "limit", 1))).equals(List.of(5L)));
                Map<String, Object> page = ann.command("chatroom.history", Map.of("roomId", "lobby", "limit", 3));
                assertThat(seqs(page)).containsExactly(5L, 4L, 3L);
                assertThat(page).containsEntry("hasMore", true);
                assertThat(seqs(ann.command("chatroom.history", Map.of("roomId", "lobby", "beforeSeq", 3))))
                        .containsExactly(2L, 1L);
            }
            server.restart();
            try (Member ann = Member.connect(server, "ann")) {
                ann.join("lobby");
                assertThat(ann.send("lobby", "RC:TxtMsg", "after restart").seq()).isEqualTo(6);
                await().atMost(Duration.ofSeconds(10)).until(() -> seqs(ann.command("chatroom.history",
                        Map.of("roomId", "lobby", "limit", 2))).equals(List.of(6L, 5L)));
            }
        }
    }

    @Test
    void aRecalledMessageIsServedAsItsRecallNoteFromTheStoredHistory() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "retention.chatroom", "7d");
                Member ann = Member.connect(server, "ann")) {
            ann.join("lobby");
            SendResult sent = ann.send("lobby", "RC:TxtMsg", "regret");
            ann.client.send(ConversationType.CHATROOM, "lobby", "RC:RcCmd", "{\"messageUId\":\"" + sent.messageUid()
                    + "\",\"conversationType\":\"4\",\"targetId\":\"lobby\",\"isAdmin\":0,\"isDelete\":0}").join();
            await().atMost(Duration.ofSeconds(10)).until(() -> messages(ann.command("chatroom.history",
                    Map.of("roomId", "lobby"))).stream().anyMatch(m -> sent.messageUid().equals(m.get("messageUid"))
                            && "RC:RcNtf".equals(m.get("objectName"))));
            Map<String, Object> recalled = messages(ann.command("chatroom.history", Map.of("roomId", "lobby")))
                    .stream().filter(m -> sent.messageUid().equals(m.get("messageUid"))).findFirst().orElseThrow();
            assertThat((String) recalled.get("content")).contains("\"operatorId\":\"ann\"")
                    .contains("\"originalObjectName\":\"RC:TxtMsg\"").doesNotContain("regret");
            assertThat(((Number) recalled.get("seq")).longValue()).isEqualTo(1L);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("messages");
    }

    @SuppressWarnings("unchecked")
    private static List<Long> seqs(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("messages")).stream()
                .map(message -> ((Number) message.get("seq")).longValue()).toList();
    }
}
