package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.TestGroups.channel;
import static io.parley.plugin.ultragroup.TestGroups.create;
import static io.parley.plugin.ultragroup.TestGroups.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel deleted and created again with the same id continues its log, but no reader sees what the old
 * channel held: not the history command, the kernel's {@code history.query}, the channel list's unread and
 * mention counts, nor the server API; and no user group stays bound to it, either way round.
 */
class UltragroupRecreatedChannelTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @SuppressWarnings("unchecked")
    static List<Object> historyQuery(Device device, String targetId) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) device.command("history.query",
                Map.of("conversationType", 10, "targetId", targetId)).get("messages");
        return messages.stream().map(m -> m.get("content")).toList();
    }

    @Test
    void theOldChannelsMessagesStayHiddenAndUncountedWhileTheLogGoesOn() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir)) {
            ServerApiClient api = server.serverApi();
            create(api, "reborn", "amy", "ben");
            channel(api, "reborn", "x", 0);
            try (Device amy = Device.connect(server, "amy"); Device ben = Device.connect(server, "ben")) {
                SendResult old = amy.send("reborn:x", "old one");
                amy.sendContent("reborn:x", "{\"content\":\"@ben\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"ben\"]}}");
                await().atMost(WAIT).until(() -> ben.channel("reborn", "reborn:x").get("mentionCount").equals(1));
                assertThat(ben.channel("reborn", "reborn:x")).containsEntry("unreadCount", 2);

                ok(api.post("/ultragroup/channel/del.json", "groupId", "reborn", "busChannel", "x"));
                assertThat(ben.commandError("ultragroup.history", Map.of("targetId", "reborn:x")))
                        .isEqualTo(UltragroupErrorCode.CHANNEL_NOT_EXIST.code());
                channel(api, "reborn", "x", 0);

                assertThat(ben.channel("reborn", "reborn:x")).containsEntry("latestSeq", 2)
                        .containsEntry("unreadCount", 0).containsEntry("mentionCount", 0);
                assertThat(ben.history("reborn:x")).isEmpty();
                assertThat(historyQuery(ben, "reborn:x")).isEmpty();
                assertThat(ok(api.post("/ultragroup/hismsg/query.json", "groupId", "reborn", "busChannel", "x",
                        "startTime", "0", "endTime", String.valueOf(Long.MAX_VALUE / 2))).body().get("data")).isEmpty();
                assertThat(ok(api.post("/ultragroup/msg/get.json", "groupId", "reborn", "msgs",
                        "[{\"msgUID\":\"" + old.messageUid() + "\",\"busChannel\":\"x\"}]")).body().get("data")).isEmpty();
                assertThat(api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "reborn", "busChannel", "x",
                        "msgUID", old.messageUid()).code()).isEqualTo(UltragroupErrorCode.MESSAGE_NOT_FOUND.code());
                assertThat(api.post("/ultragroup/msg/modify.json", "groupId", "reborn", "busChannel", "x",
                        "fromUserId", "amy", "msgUID", old.messageUid(), "content", "{}").code())
                        .isEqualTo(UltragroupErrorCode.MESSAGE_NOT_FOUND.code());

                // the log continues: seqs are never reused, and only the new channel's messages show
                assertThat(amy.send("reborn:x", "new one").seq()).isEqualTo(3);
                assertThat(UltragroupEndToEndTest.contents(ben.history("reborn:x")))
                        .containsExactly("{\"content\":\"new one\"}");
                assertThat(historyQuery(ben, "reborn:x")).containsExactly("{\"content\":\"new one\"}");
                assertThat(ben.channel("reborn", "reborn:x")).containsEntry("latestSeq", 3)
                        .containsEntry("unreadCount", 1).containsEntry("mentionCount", 0);
            }
        }
    }

    @Test
    void aDeletedChannelIsBoundToNoUserGroupEitherWayRound() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir)) {
            ServerApiClient api = server.serverApi();
            create(api, "guild", "amy");
            channel(api, "guild", "ops", 1);
            ok(api.postJson("/ultragroup/usergroup/add.json",
                    "{\"groupId\":\"guild\",\"userGroups\":[{\"userGroupId\":\"mods\"}]}"));
            ok(api.post("/ultragroup/channel/usergroup/bind.json", "groupId", "guild", "busChannel", "ops",
                    "userGroupIds", "mods"));
            assertThat(ok(api.post("/ultragroup/usergroup/channel/query.json", "groupId", "guild", "userGroupId",
                    "mods")).body().get("data").toString()).isEqualTo("[\"ops\"]");

            ok(api.post("/ultragroup/channel/del.json", "groupId", "guild", "busChannel", "ops"));
            assertThat(ok(api.post("/ultragroup/usergroup/channel/query.json", "groupId", "guild", "userGroupId",
                    "mods")).body().get("data").toString()).as("the user group no longer lists it").isEqualTo("[]");

            channel(api, "guild", "ops", 1);
            assertThat(ok(api.post("/ultragroup/channel/usergroup/query.json", "groupId", "guild", "busChannel",
                    "ops")).body().get("data").toString()).as("the new channel starts unbound").isEqualTo("[]");
            assertThat(ok(api.post("/ultragroup/usergroup/channel/query.json", "groupId", "guild", "userGroupId",
                    "mods")).body().get("data").toString()).isEqualTo("[]");
        }
    }
}
