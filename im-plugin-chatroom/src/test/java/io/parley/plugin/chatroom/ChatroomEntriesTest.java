package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.chatroom.ChatroomEntryModel;
import io.rong.models.message.ChatroomMessage;
import io.rong.models.response.ChatroomEntryListResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Room attributes over the client protocol and the server API, and messages published by the app server. */
class ChatroomEntriesTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir, "chatroom.kv.max-keys", "3", "chatroom.kv.max-value-length", "10");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void membersSetQueryAndRemoveAttributesAndEveryMemberHearsOfEachChange() {
        try (Member ivy = Member.connect(server, "ivy"); Member jay = Member.connect(server, "jay")) {
            ivy.join("kv");
            jay.join("kv");

            ivy.command("chatroom.entry.set", Map.of("roomId", "kv", "key", "topic", "value", "cats"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !jay.events(ChatroomRegistry.EVENT_ENTRY_CHANGED).isEmpty());
            assertThat(jay.events(ChatroomRegistry.EVENT_ENTRY_CHANGED).get(0).body()).containsEntry("roomId", "kv")
                    .containsEntry("type", "set").containsEntry("key", "topic").containsEntry("value", "cats")
                    .containsEntry("userId", "ivy");

            assertThat(jay.commandError("chatroom.entry.set", Map.of("roomId", "kv", "key", "topic", "value", "dogs")))
                    .isEqualTo(23424);
            jay.command("chatroom.entry.set", Map.of("roomId", "kv", "key", "topic", "value", "dogs", "overwrite", true));
            assertThat(jay.commandError("chatroom.entry.remove", Map.of("roomId", "kv", "key", "nothing")))
                    .isEqualTo(23427);
            assertThat(ivy.commandError("chatroom.entry.remove", Map.of("roomId", "kv", "key", "topic")))
                    .isEqualTo(23424);

            Map<String, Object> all = ivy.command("chatroom.entry.query", Map.of("roomId", "kv"));
            assertThat(entries(all)).singleElement().satisfies(entry -> assertThat(entry)
                    .containsEntry("key", "topic").containsEntry("value", "dogs").containsEntry("userId", "jay")
                    .containsEntry("autoDelete", false));

            jay.command("chatroom.entry.remove", Map.of("roomId", "kv", "key", "topic"));
            await().atMost(Duration.ofSeconds(10)).until(() -> ivy.events(ChatroomRegistry.EVENT_ENTRY_CHANGED).stream()
                    .anyMatch(e -> "remove".equals(e.body().get("type"))));
            assertThat(entries(ivy.command("chatroom.entry.query", Map.of("roomId", "kv")))).isEmpty();
        }
    }

    @Test
    void attributeLimitsAreEnforcedAndABatchIsAllOrNothing() {
        try (Member kim = Member.connect(server, "kim"); Member out = Member.connect(server, "out")) {
            kim.join("limits");
            assertThat(out.commandError("chatroom.entry.set", Map.of("roomId", "limits", "key", "a", "value", "1")))
                    .isEqualTo(23406);
            assertThat(kim.commandError("chatroom.entry.set", Map.of("roomId", "limits", "key", "k".repeat(129),
                    "value", "1"))).isEqualTo(23423);
            assertThat(kim.commandError("chatroom.entry.set", Map.of("roomId", "limits", "key", "long",
                    "value", "12345678901"))).isEqualTo(23423);

            kim.command("chatroom.entry.batch-set", Map.of("roomId", "limits", "entries", Map.of("a", "1", "b", "2")));
            assertThat(kim.commandError("chatroom.entry.batch-set", Map.of("roomId", "limits",
                    "entries", Map.of("c", "3", "d", "4")))).isEqualTo(23423);
            assertThat(entries(kim.command("chatroom.entry.query", Map.of("roomId", "limits"))))
                    .extracting(e -> e.get("key")).containsExactlyInAnyOrder("a", "b");
            assertThat(entries(kim.command("chatroom.entry.query", Map.of("roomId", "limits", "keys", List.of("b")))))
                    .extracting(e -> e.get("value")).containsExactly("2");
        }
    }

    @Test
    void theServerSdkSetsAttributesWithANotificationMessageAndPublishesIntoTheRoom() throws Exception {
        try (Member lou = Member.connect(server, "lou")) {
            lou.join("stage");

            assertThat(rongCloud.chatroom.entry.set(new ChatroomEntryModel().setChatroomId("stage").setUserId("admin")
                    .setKey("mode").setValue("quiet").setAutoDelete(0).setObjectName("RC:chrmKVNotiMsg")
                    .setContent("{\"type\":1,\"key\":\"mode\",\"value\":\"quiet\",\"extra\":\"\"}")).getCode())
                    .isEqualTo(200);
            ChatroomEntryListResult listed = rongCloud.chatroom.entry.query(
                    new ChatroomEntryModel().setChatroomId("stage").setKeys(new String[] {"mode"}));
            assertThat(listed.keys).singleElement().satisfies(entry -> {
                assertThat(entry.value).isEqualTo("quiet");
                assertThat(entry.userId).isEqualTo("admin");
                assertThat(entry.autoDelete).isZero();
            });

            assertThat(rongCloud.message.chatroom.send(new ChatroomMessage().setSenderId("host")
                    .setTargetId(new String[] {"stage"}).setObjectName("RC:TxtMsg")
                    .setContent(new TxtMessage("welcome", ""))).getCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> lou.messages.size() == 2);
            assertThat(lou.messages).extracting(ReceivedMessage::objectName)
                    .containsExactly("RC:chrmKVNotiMsg", "RC:TxtMsg");
            assertThat(lou.messages).extracting(ReceivedMessage::seq).containsExactly(1L, 2L);
            assertThat(lou.messages.get(1).fromUserId()).isEqualTo("host");
            assertThat(lou.events(ChatroomRegistry.EVENT_ENTRY_CHANGED)).hasSize(1);

            assertThat(rongCloud.chatroom.entry.remove(new ChatroomEntryModel().setChatroomId("stage")
                    .setUserId("admin").setKey("mode")).getCode()).isEqualTo(200);
            assertThat(rongCloud.chatroom.entry.query(new ChatroomEntryModel().setChatroomId("stage")).keys).isEmpty();
            assertThat(rongCloud.message.chatroom.send(new ChatroomMessage().setSenderId("host")
                    .setTargetId(new String[] {"no-such-room"}).setObjectName("RC:TxtMsg")
                    .setContent(new TxtMessage("lost", ""))).getCode()).isEqualTo(23410);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("entries");
    }
}
