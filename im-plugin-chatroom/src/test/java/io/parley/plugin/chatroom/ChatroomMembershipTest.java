package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.models.chatroom.ChatroomMember;
import io.rong.models.chatroom.ChatroomModel;
import io.rong.models.response.ChatroomUserQueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining, quitting, the join history, the one-room limit and the disconnect grace, with real clients. */
class ChatroomMembershipTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir, "chatroom.disconnect-grace", "300ms");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
        api = server.serverApi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static boolean isInRoom(String roomId, String userId) throws Exception {
        return rongCloud.chatroom.isExist(new ChatroomMember().setId(userId).setChatroomId(roomId)).isInChrm;
    }

    @Test
    void membersGetRoomMessagesOnlineOnlyAndAMemberWhoQuitGetsNoMore() throws Exception {
        try (Member ann = Member.connect(server, "ann"); Member ben = Member.connect(server, "ben")) {
            assertThat(ann.join("lobby")).containsEntry("memberCount", 1).containsEntry("history", List.of());
            assertThat(ben.join("lobby")).containsEntry("memberCount", 2);
            assertThat(isInRoom("lobby", "ann")).isTrue();
            ServerApiClient.Answer many = api.post("/chatroom/users/exist.json", "chatroomId", "lobby",
                    "userId", "ann", "userId", "ben,nobody");
            assertThat(many.body().get("result").toString())
                    .isEqualTo("[{\"userId\":\"ann\",\"isInChrm\":1},{\"userId\":\"ben\",\"isInChrm\":1},"
                            + "{\"userId\":\"nobody\",\"isInChrm\":0}]");
            assertThat(api.post("/chatroom/user/exist.json", "chatroomId", "lobby", "userId", "ben").body()
                    .get("isInChrm").isBoolean()).isTrue();

            SendResult hi = ann.send("lobby", "RC:TxtMsg", "hi");
            assertThat(hi.seq()).isEqualTo(1);
            assertThat(hi.inboxSeq()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> ben.texts("lobby").size() == 1);
            ReceivedMessage received = ben.messages.get(0);
            assertThat(received.isOnlineOnly()).isTrue();
            assertThat(received.seq()).isEqualTo(1);
            assertThat(received.fromUserId()).isEqualTo("ann");
            assertThat(received.content()).contains("hi");

            assertThat(ben.quit("lobby")).containsEntry("wasMember", true);
            assertThat(isInRoom("lobby", "ben")).isFalse();
            ann.send("lobby", "RC:TxtMsg", "after");
            // the refusal is answered on the room's stripe after that message's fan-out, so a DELIVER to ben
            // would have arrived before it
            assertThat(ben.sendError("lobby", "let me in")).isEqualTo(23406);
            assertThat(ben.texts("lobby")).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> ann.texts("lobby").size() == 2);
        }
        assertThat(server.server().kernelObject(io.parley.api.storage.StorageProvider.class).messages()
                .inboxHead("ben")).isZero();
    }

    @Test
    void aJoiningMemberGetsTheLatest50MessagesByDefaultOrAsManyAsItAsks() {
        try (Member cat = Member.connect(server, "cat"); Member dan = Member.connect(server, "dan");
                Member eve = Member.connect(server, "eve")) {
            cat.join("history");
            for (int i = 1; i <= 60; i++) {
                cat.send("history", "RC:TxtMsg", "m" + i);
            }

            Map<String, Object> joined = dan.join("history");
            assertThat(((Number) joined.get("seq")).longValue()).isEqualTo(60);
            List<Map<String, Object>> history = history(joined);
            assertThat(history).hasSize(50);
            assertThat(history).extracting(m -> ((Number) m.get("seq")).longValue())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(11, 60).boxed().toList());
            assertThat(history.get(0).get("content")).isEqualTo("{\"content\":\"m11\"}");
            assertThat(history.get(49)).containsEntry("fromUserId", "cat").containsEntry("objectName", "RC:TxtMsg")
                    .containsKeys("messageUid", "sentTime");

            assertThat(history(eve.join("history", 5))).extracting(m -> m.get("content"))
                    .containsExactly("{\"content\":\"m56\"}", "{\"content\":\"m57\"}", "{\"content\":\"m58\"}",
                            "{\"content\":\"m59\"}", "{\"content\":\"m60\"}");
            assertThat(history(eve.join("history", 500))).hasSize(50);
            assertThat(history(eve.join("history", 0))).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> history(Map<String, Object> joinResult) {
        return (List<Map<String, Object>>) joinResult.get("history");
    }

    @Test
    void joiningASecondRoomLeavesTheFirst() throws Exception {
        try (Member fay = Member.connect(server, "fay")) {
            fay.join("first");
            Map<String, Object> second = fay.join("second");

            assertThat(second).containsEntry("left", List.of("first"));
            assertThat(isInRoom("first", "fay")).isFalse();
            assertThat(isInRoom("second", "fay")).isTrue();
            assertThat(fay.sendError("first", "still here?")).isEqualTo(23406);
            assertThat(fay.send("second", "RC:TxtMsg", "here").seq()).isPositive();
        }
    }

    @Test
    void aDisconnectedMemberIsRemovedAfterTheGraceAndItsAutoDeleteAttributesGo() throws Exception {
        try (Member hal = Member.connect(server, "hal")) {
            hal.join("grace");
            Member gus = Member.connect(server, "gus");
            gus.join("grace");
            gus.command("chatroom.entry.set", Map.of("roomId", "grace", "key", "mine", "value", "1",
                    "autoDelete", true));
            gus.command("chatroom.entry.set", Map.of("roomId", "grace", "key", "kept", "value", "2"));
            assertThat(isInRoom("grace", "gus")).isTrue();

            gus.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> !isInRoom("grace", "gus"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hal.events(ChatroomRegistry.EVENT_ENTRY_CHANGED)
                    .stream().anyMatch(e -> "remove".equals(e.body().get("type")) && "mine".equals(e.body().get("key"))));
            Map<String, Object> entries = hal.command("chatroom.entry.query", Map.of("roomId", "grace"));
            assertThat(entries.get("entries").toString()).contains("kept").doesNotContain("mine");
            assertThat(isInRoom("grace", "hal")).isTrue();
        }
    }

    @Test
    void theServerApiListsMembersByJoinTimeInEitherOrder() throws Exception {
        assertThat(rongCloud.chatroom.create(new ChatroomModel[] {new ChatroomModel().setId("listed").setName("Listed")})
                .getCode()).isEqualTo(200);
        try (Member ida = Member.connect(server, "ida"); Member jon = Member.connect(server, "jon");
                Member kai = Member.connect(server, "kai")) {
            ida.join("listed");
            jon.join("listed");
            kai.join("listed");

            ChatroomUserQueryResult newest = rongCloud.chatroom.get(
                    new ChatroomModel().setId("listed").setCount(2).setOrder(2));
            assertThat(newest.getTotal()).isEqualTo(3);
            assertThat(newest.getMembers()).extracting(m -> m.getId()).containsExactly("kai", "jon");
            assertThat(newest.getMembers().get(0).getTime()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            ChatroomUserQueryResult oldest = rongCloud.chatroom.get(
                    new ChatroomModel().setId("listed").setCount(500).setOrder(1));
            assertThat(oldest.getMembers()).extracting(m -> m.getId()).containsExactly("ida", "jon", "kai");
        }
        assertThat(api.post("/chatroom/user/query.json", "chatroomId", "no-such-room", "count", "10", "order", "1")
                .code()).isEqualTo(23410);
    }
}
