package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recalling a room message still in the ring: by its sender (RC:RcCmd) and by the server API, with real clients. */
class ChatroomRecallTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir, "chatroom.history.max-count", "3", "chatroom.ring-size", "3");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSenderRecallsAMessageMembersGetTheCommandAndLaterJoinersSeeItRecalled() {
        try (Member ivy = Member.connect(server, "rc-ivy"); Member jay = Member.connect(server, "rc-jay");
                Member kim = Member.connect(server, "rc-kim")) {
            ivy.join("recall");
            jay.join("recall");
            SendResult sent = ivy.send("recall", "RC:TxtMsg", "oops");
            await().atMost(Duration.ofSeconds(10)).until(() -> jay.texts("recall").size() == 1);

            assertThat(sendError(jay, "recall", command(sent.messageUid()))).isEqualTo(20406);
            send(ivy, "recall", command(sent.messageUid()));

            ReceivedMessage recall = awaitMessage(jay, "RC:RcCmd");
            assertThat(recall.fromUserId()).isEqualTo("rc-ivy");
            assertThat(recall.content()).contains("\"messageUId\":\"" + sent.messageUid() + "\"");

            List<Map<String, Object>> history = history(kim.join("recall"));
            Map<String, Object> recalled = history.stream()
                    .filter(m -> sent.messageUid().equals(m.get("messageUid"))).findFirst().orElseThrow();
            assertThat(recalled).containsEntry("objectName", "RC:RcNtf").containsEntry("fromUserId", "rc-ivy");
            assertThat((String) recalled.get("content")).contains("\"operatorId\":\"rc-ivy\"")
                    .contains("\"originalObjectName\":\"RC:TxtMsg\"").contains("\"isAdmin\":false")
                    .doesNotContain("oops");
        }
    }

    @Test
    void theServerApiRecallsAsAdminAndAMessageNoLongerInTheRingCannotBeRecalled() {
        ServerApiClient api = server.serverApi();
        try (Member amy = Member.connect(server, "ra-amy"); Member bob = Member.connect(server, "ra-bob")) {
            amy.join("recall-api");
            bob.join("recall-api");
            SendResult first = amy.send("recall-api", "RC:TxtMsg", "first");
            SendResult second = amy.send("recall-api", "RC:TxtMsg", "second");
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.texts("recall-api").size() == 2);

            ServerApiClient.Answer answer = api.post("/message/recall.json", "conversationType", "4",
                    "fromUserId", "admin", "targetId", "recall-api", "messageUID", second.messageUid(),
                    "sentTime", Long.toString(second.sentTime()), "isAdmin", "1");
            assertThat(answer.code()).isEqualTo(200);
            ReceivedMessage recall = awaitMessage(bob, "RC:RcCmd");
            assertThat(recall.content()).contains(second.messageUid()).contains("\"conversationType\":\"4\"");

            for (int i = 0; i < 3; i++) {
                amy.send("recall-api", "RC:TxtMsg", "filler" + i);
            }
            ServerApiClient.Answer gone = api.post("/message/recall.json", "conversationType", "4",
                    "fromUserId", "ra-amy", "targetId", "recall-api", "messageUID", first.messageUid(),
                    "sentTime", Long.toString(first.sentTime()));
            assertThat(gone.code()).isEqualTo(1015);
            assertThat(gone.body().toString()).contains("still keeps");
        }
    }

    private static String command(String uid) {
        return "{\"messageUId\":\"" + uid + "\",\"conversationType\":\"4\",\"targetId\":\"recall\",\"sentTime\":0,"
                + "\"isAdmin\":0,\"isDelete\":0,\"extra\":\"\",\"user\":{\"id\":\"x\",\"name\":\"X\"}}";
    }

    private static SendResult send(Member member, String roomId, String content) {
        return member.client.send(io.parley.api.model.ConversationType.CHATROOM, roomId, "RC:RcCmd", content).join();
    }

    private static int sendError(Member member, String roomId, String content) {
        try {
            send(member, roomId, content);
        } catch (CompletionException e) {
            return ((ImClientException) e.getCause()).code();
        }
        throw new AssertionError("the recall was accepted");
    }

    private static ReceivedMessage awaitMessage(Member member, String objectName) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> member.messages.stream()
                .filter(m -> m.objectName().equals(objectName)).findFirst(), java.util.Optional::isPresent).get();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> joined) {
        return (List<Map<String, Object>>) joined.get("history");
    }
}
