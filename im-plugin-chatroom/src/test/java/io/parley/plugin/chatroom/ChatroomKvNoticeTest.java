package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RC:chrmKVNotiMsg on attribute changes, as RongCloud's SDKs and server API send it, seen by real clients. */
class ChatroomKvNoticeTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMemberSettingOrRemovingWithSendNotificationSendsTheKvNoticeToTheRoom() {
        try (Member ivy = Member.connect(server, "kv-ivy"); Member jay = Member.connect(server, "kv-jay")) {
            ivy.join("kvn");
            jay.join("kvn");

            ivy.command("chatroom.entry.set", Map.of("roomId", "kvn", "key", "quiet", "value", "v0"));
            ivy.command("chatroom.entry.set", Map.of("roomId", "kvn", "key", "topic", "value", "cats \"and\" dogs",
                    "sendNotification", true, "notificationExtra", "x1"));
            ivy.command("chatroom.entry.remove", Map.of("roomId", "kvn", "key", "topic", "sendNotification", true));

            List<ReceivedMessage> notices = await().atMost(Duration.ofSeconds(10))
                    .until(() -> kvNotices(jay), list -> list.size() == 2);
            assertThat(notices.get(0).fromUserId()).isEqualTo("kv-ivy");
            assertThat(notices.get(0).content())
                    .isEqualTo("{\"type\":1,\"key\":\"topic\",\"value\":\"cats \\\"and\\\" dogs\",\"extra\":\"x1\"}");
            assertThat(notices.get(0).seq()).isPositive();
            assertThat(notices.get(1).content())
                    .isEqualTo("{\"type\":2,\"key\":\"topic\",\"value\":\"cats \\\"and\\\" dogs\",\"extra\":\"\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> kvNotices(ivy).size() == 2);
        }
    }

    @Test
    void theServerApiSendsTheGivenNoticeMessageOnSetAndRemove() {
        try (Member amy = Member.connect(server, "kv-amy")) {
            amy.join("kvs");
            String set = "{\"type\":1,\"key\":\"k\",\"value\":\"v\",\"extra\":\"\"}";
            assertThat(server.serverApi().post("/chatroom/entry/set.json", "chatroomId", "kvs", "userId", "admin",
                    "key", "k", "value", "v", "objectName", "RC:chrmKVNotiMsg", "content", set).code()).isEqualTo(200);
            String removed = "{\"type\":2,\"key\":\"k\",\"value\":\"v\",\"extra\":\"\"}";
            assertThat(server.serverApi().post("/chatroom/entry/remove.json", "chatroomId", "kvs", "userId", "admin",
                    "key", "k", "objectName", "RC:chrmKVNotiMsg", "content", removed).code()).isEqualTo(200);
            List<ReceivedMessage> notices = await().atMost(Duration.ofSeconds(10))
                    .until(() -> kvNotices(amy), list -> list.size() == 2);
            assertThat(notices).extracting(ReceivedMessage::content).containsExactly(set, removed);
            assertThat(notices.get(0).fromUserId()).isEqualTo("admin");
        }
    }

    private static List<ReceivedMessage> kvNotices(Member member) {
        return member.messages.stream().filter(m -> m.objectName().equals("RC:chrmKVNotiMsg")).toList();
    }
}
