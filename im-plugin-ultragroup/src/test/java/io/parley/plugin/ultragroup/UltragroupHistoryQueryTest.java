package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.TestGroups.channel;
import static io.parley.plugin.ultragroup.TestGroups.create;
import static io.parley.plugin.ultragroup.TestGroups.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.StandardErrorCode;
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
 * The kernel's {@code history.query} client command serves ultragroup channels through the business type's
 * {@code readableKey} and {@code presentTo}: access as the plugin checks it, edited versions, recall notes, and
 * nothing from before the reader joined. Called with the Java client SDK.
 */
class UltragroupHistoryQueryTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    static Map<String, Object> query(Device device, String targetId, long beforeSeq, int limit) {
        return device.command("history.query", Map.of("conversationType", 10, "targetId", targetId,
                "beforeSeq", beforeSeq, "limit", limit));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("messages");
    }

    @Test
    void membersPageAChannelNewestFirstAsTheyReadIt() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir)) {
            ServerApiClient api = server.serverApi();
            create(api, "hq", "amy", "ben");
            channel(api, "hq", "staff", 1);
            ok(api.post("/ultragroup/channel/private/users/add.json", "groupId", "hq", "busChannel", "staff",
                    "userIds", "amy"));
            try (Device amy = Device.connect(server, "amy"); Device ben = Device.connect(server, "ben")) {
                SendResult first = amy.send("hq", "one");
                SendResult second = amy.send("hq", "two");
                amy.send("hq", "three");
                amy.send("hq:staff", "secret");
                assertThat(amy.command("ultragroup.modify", Map.of("targetId", "hq", "messageUid",
                        second.messageUid(), "content", "{\"content\":\"two, edited\"}"))).containsEntry("version", 1);

                // seq 4 is the edit's note; pages of two, newest first
                Map<String, Object> newest = query(ben, "hq", 0, 2);
                assertThat(messages(newest)).extracting(m -> ((Number) m.get("seq")).longValue())
                        .containsExactly(4L, 3L);
                assertThat(messages(newest).get(0)).containsEntry("objectName", Ultragroups.MODIFY_NOTE)
                        .containsEntry("conversationType", 10).containsEntry("targetId", "hq");
                assertThat(newest.get("hasMore")).isEqualTo(true);
                Map<String, Object> older = query(ben, "hq", 3, 2);
                assertThat(messages(older)).extracting(m -> m.get("content"))
                        .containsExactly("{\"content\":\"two, edited\"}", "{\"content\":\"one\"}");
                assertThat(older.get("hasMore")).isEqualTo(false);

                ok(api.post("/message/recall.json", "conversationType", "10", "fromUserId", "amy", "targetId", "hq",
                        "messageUID", first.messageUid(), "sentTime", String.valueOf(first.sentTime())));
                await().atMost(WAIT).until(() -> messages(query(ben, "hq", 2, 1)).get(0).get("objectName")
                        .equals("RC:RcNtf"));

                // the plugin's own refusals reach the client
                assertThat(ben.commandError("history.query", Map.of("conversationType", 10, "targetId", "hq:staff")))
                        .isEqualTo(UltragroupErrorCode.NO_CHANNEL_ACCESS.code());
                assertThat(messages(query(amy, "hq:staff", 0, 10))).extracting(m -> m.get("content"))
                        .containsExactly("{\"content\":\"secret\"}");
                assertThat(ben.commandError("history.query", Map.of("conversationType", 10, "targetId", "nowhere")))
                        .isEqualTo(UltragroupErrorCode.NOT_EXIST.code());
                assertThat(ben.commandError("history.query", Map.of("conversationType", 4, "targetId", "room")))
                        .isEqualTo(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE.code());
            }
            ok(api.post("/ultragroup/join.json", "groupId", "hq", "userId", "cat"));
            try (Device cat = Device.connect(server, "cat")) {
                Map<String, Object> late = query(cat, "hq", 0, 20);
                assertThat(messages(late)).as("nothing from before cat joined").isEmpty();
                assertThat(late.get("hasMore")).isEqualTo(false);
            }
            try (Device dan = Device.connect(server, "dan")) {
                assertThat(dan.commandError("history.query", Map.of("conversationType", 10, "targetId", "hq")))
                        .isEqualTo(UltragroupErrorCode.NOT_MEMBER.code());
            }
        }
    }
}
