package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.models.chatroom.ChatroomEntryModel;
import io.rong.models.chatroom.ChatroomMember;
import io.rong.models.chatroom.ChatroomModel;
import io.rong.models.response.ChatroomEntryListResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, destroying and auto-destroying rooms, with a 2 s keep-alive and clients that may not create rooms. */
class ChatroomLifecycleTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir, "chatroom.keep-alive", "2s", "chatroom.sweep-interval", "100ms",
                "chatroom.auto-create", "false");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
        api = server.serverApi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void create(String roomId) throws Exception {
        assertThat(rongCloud.chatroom.create(new ChatroomModel[] {new ChatroomModel().setId(roomId).setName(roomId)})
                .getCode()).isEqualTo(200);
    }

    static boolean exists(String roomId) {
        return api.post("/chatroom/get.json", "chatroomId", roomId).code() == 200;
    }

    @Test
    void anIdleRoomIsDestroyedAfterTheKeepAliveWhileABusyRoomAndAKeepAliveRoomStay() throws Exception {
        create("kept");
        assertThat(rongCloud.chatroom.keepalive.add(new ChatroomModel().setId("kept")).getCode()).isEqualTo(200);
        create("idle");
        create("busy");
        try (Member lea = Member.connect(server, "lea"); Member max = Member.connect(server, "max")) {
            lea.join("idle");
            max.join("busy");

            // the busy room hears from max every 300 ms for 3 s, longer than the keep-alive
            long[] sent = {0};
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).during(Duration.ofSeconds(3))
                    .until(() -> max.send("busy", "RC:TxtMsg", "still here " + ++sent[0]).seq() > 0);

            await().atMost(Duration.ofSeconds(10)).until(() -> !lea.events(ChatroomRegistry.EVENT_DESTROYED).isEmpty());
            assertThat(lea.events(ChatroomRegistry.EVENT_DESTROYED).get(0).body())
                    .isEqualTo(Map.of("roomId", "idle", "reason", "idle"));
            assertThat(exists("idle")).isFalse();
            assertThat(lea.sendError("idle", "hello?")).isEqualTo(23410);
            assertThat(rongCloud.chatroom.isExist(new ChatroomMember().setId("lea").setChatroomId("idle")).isInChrm)
                    .isFalse();
            assertThat(exists("busy")).isTrue();
            assertThat(exists("kept")).isTrue();
            assertThat(max.events(ChatroomRegistry.EVENT_DESTROYED)).isEmpty();
        }

        JsonNode listed = api.post("/chatroom/keepalive/query.json").body();
        assertThat(listed.get("code").asInt()).isEqualTo(200);
        assertThat(listed.get("chatroomIds").toString()).isEqualTo("[\"kept\"]");
        assertThat(listed.get("chatrooms").toString()).isEqualTo("[\"kept\"]");
        assertThat(rongCloud.chatroom.keepalive.getList().getChatrooms()).containsExactly("kept");

        assertThat(rongCloud.chatroom.keepalive.remove(new ChatroomModel().setId("kept")).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !exists("kept"));
        assertThat(api.post("/chatroom/keepalive/remove.json", "chatroomId", "kept").code()).isEqualTo(1015);
    }

    @Test
    void withoutAutoCreateAClientJoinsOnlyRoomsTheServerCreated() throws Exception {
        try (Member ned = Member.connect(server, "ned")) {
            assertThat(ned.commandError("chatroom.join", Map.of("roomId", "not-yet"))).isEqualTo(23410);
            create("not-yet");
            assertThat(ned.join("not-yet")).containsEntry("memberCount", 1);
        }
    }

    @Test
    void destroyingARoomKicksItsMembersWithANotification() throws Exception {
        create("doomed");
        try (Member ola = Member.connect(server, "ola"); Member pat = Member.connect(server, "pat")) {
            ola.join("doomed");
            pat.join("doomed");

            assertThat(rongCloud.chatroom.destroy(new ChatroomModel().setId("doomed")).getCode()).isEqualTo(200);

            for (Member member : new Member[] {ola, pat}) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !member.events(ChatroomRegistry.EVENT_DESTROYED).isEmpty());
                assertThat(member.events(ChatroomRegistry.EVENT_DESTROYED).get(0).body())
                        .containsEntry("roomId", "doomed").containsEntry("reason", "api");
            }
            assertThat(ola.sendError("doomed", "anyone?")).isEqualTo(23410);
            assertThat(exists("doomed")).isFalse();
        }
    }

    @Test
    void createNewSetsTheLifetimeTheBanAndTheAttributesAndGetAnswersWithExactTypes() throws Exception {
        ServerApiClient.Answer created = api.post("/chatroom/create_new.json", "chatroomId", "fresh",
                "destroyType", "1", "destroyTime", "90", "isBan", "true", "whiteUserIds", "host",
                "entryOwnerId", "host", "entryInfo", "{\"title\":\"Live\",\"viewers\":3}");
        assertThat(created.code()).isEqualTo(200);

        JsonNode room = api.post("/chatroom/get.json", "chatroomId", "fresh").body();
        assertThat(room.get("chatroomId").asText()).isEqualTo("fresh");
        assertThat(room.get("createTime").isIntegralNumber()).isTrue();
        assertThat(room.get("createTime").asLong()).isGreaterThan(1_600_000_000_000L);
        assertThat(room.get("memberCount").isInt()).isTrue();
        assertThat(room.get("destroyType").asInt()).isEqualTo(1);
        assertThat(room.get("destroyTime").asInt()).isEqualTo(90);
        assertThat(room.get("ban").isBoolean()).isTrue();
        assertThat(room.get("ban").asBoolean()).isTrue();
        assertThat(api.post("/chatroom/ban/check.json", "chatroomId", "fresh").body().get("status").isInt()).isTrue();

        ChatroomEntryListResult entries = rongCloud.chatroom.entry.query(new ChatroomEntryModel().setChatroomId("fresh"));
        assertThat(entries.getCode()).isEqualTo(200);
        assertThat(entries.keys).extracting(e -> e.key + "=" + e.value + "@" + e.userId)
                .containsExactly("title=Live@host", "viewers=3@host");
        JsonNode raw = api.post("/chatroom/entry/query.json", "chatroomId", "fresh", "keys", "title").body();
        assertThat(raw.get("keys").get(0).get("autoDelete").isTextual()).isTrue();
        assertThat(raw.get("keys").get(0).get("lastSetTime").isTextual()).isTrue();
        assertThat(api.post("/chatroom/create_new.json", "chatroomId", "bad", "destroyTime", "5").code()).isEqualTo(1002);
    }
}
