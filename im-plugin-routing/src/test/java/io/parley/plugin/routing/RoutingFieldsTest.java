package io.parley.plugin.routing;

import static io.parley.plugin.routing.RoutingTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.event.MessageCommitted;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.plugin.routing.spi.RoutingEvent;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.ReceivedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RongCloud's {@code originalMsgUID}, {@code busChannel} and {@code groupUserIds} routing fields, and server-API
 * messages of every kind routed with {@code include-server-api}, against the local fake app server.
 */
class RoutingFieldsTest {
    @TempDir
    Path dir;

    private FakeAppServer fake;

    @BeforeEach
    void startFake() {
        fake = FakeAppServer.start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void directedGroupMessagesRecallsAndPlainMessagesCarryTheNewFields() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"),
                "routing.include-server-api", "true");
                ImClient alice = connect(server, "alice", "Android")) {
            ServerApiClient api = server.serverApi();
            assertThat(api.post("/group/create.json", "groupId", "team", "groupName", "Team", "userId", "alice",
                    "userId", "bob", "userId", "carol", "userId", "dave").code()).isEqualTo(200);

            SendResult plain = alice.sendGroup("team", "RC:TxtMsg", "{\"content\":\"to all\"}").get();
            assertThat(api.post("/message/group/publish.json", "fromUserId", "alice", "toGroupId", "team",
                    "toUserId", "dave", "toUserId", "bob", "objectName", "RC:TxtMsg",
                    "content", "{\"content\":\"directed\"}").code()).isEqualTo(200);
            String recall = "{\"messageUId\":\"" + plain.messageUid() + "\",\"conversationType\":\"3\","
                    + "\"targetId\":\"team\",\"sentTime\":" + plain.sentTime() + ",\"isAdmin\":0,\"isDelete\":0}";
            SendResult recalled = alice.send(ConversationType.GROUP, "team", "RC:RcCmd", recall).get();

            await().atMost(Duration.ofSeconds(20)).until(() -> fake.requests("/route").stream()
                    .anyMatch(request -> request.formField("msgUID").orElse("").equals(recalled.messageUid()))
                    && fake.requests("/route").size() >= 3);
            List<ReceivedRequest> routed = fake.requests("/route");

            ReceivedRequest first = byUid(routed, plain.messageUid());
            assertThat(first.form().keySet()).containsExactly("fromUserId", "toUserId", "objectName", "content",
                    "channelType", "msgTimestamp", "msgUID", "originalMsgUID", "sensitiveType", "source",
                    "busChannel", "groupUserIds", "clientIp");
            assertThat(first.formField("originalMsgUID")).contains("");
            assertThat(first.formField("busChannel")).contains("");
            assertThat(first.formField("groupUserIds")).contains("");

            ReceivedRequest directed = routed.stream()
                    .filter(request -> request.formField("content").orElse("").contains("directed"))
                    .findFirst().orElseThrow();
            assertThat(directed.formField("source")).contains("Server");
            assertThat(directed.formField("toUserId")).contains("team");
            assertThat(directed.formField("channelType")).contains("GROUP");
            assertThat(directed.formField("groupUserIds")).contains("bob,dave");

            ReceivedRequest recallRoute = byUid(routed, recalled.messageUid());
            assertThat(recallRoute.formField("objectName")).contains("RC:RcCmd");
            assertThat(recallRoute.formField("originalMsgUID")).contains(plain.messageUid());
            assertThat(recallRoute.formField("groupUserIds")).contains("");
        }
    }

    @Test
    void anUltragroupChannelIsSplitIntoToUserIdAndBusChannelAndAnEditNamesItsMessage() {
        Message edit = new Message(new ConversationKey(ConversationType.ULTRA_GROUP, "ug1:news"), "alice", "ug1:news",
                "Parley:UgMsgModify", "{\"messageUId\":\"AAAA-BBBB-CCCC-DDDD\",\"seq\":3,\"version\":1,\"content\":\"x\"}",
                Optional.empty(), Optional.empty(), true, false, "c1", Optional.empty(), 4, "EEEE-FFFF-GGGG-HHHH", 1L);
        RoutingEvent event = RoutingListener.messageEvent(new MessageCommitted(edit, Map.of(), "", 1L));
        assertThat(event.field("toUserId")).isEqualTo("ug1");
        assertThat(event.field("busChannel")).isEqualTo("news");
        assertThat(event.field("channelType")).isEqualTo("ULTRAGROUP");
        assertThat(event.field("originalMsgUID")).isEqualTo("AAAA-BBBB-CCCC-DDDD");
        assertThat(event.key()).isEqualTo("m:" + edit.conversation().asString());

        Message defaultChannel = new Message(new ConversationKey(ConversationType.ULTRA_GROUP, "ug1"), "alice", "ug1",
                "RC:TxtMsg", "{\"content\":\"hi\"}", Optional.empty(), Optional.empty(), true, true, "c2",
                Optional.empty(), 5, "IIII-JJJJ-KKKK-LLLL", 2L);
        RoutingEvent plain = RoutingListener.messageEvent(new MessageCommitted(defaultChannel, Map.of(), "", 2L));
        assertThat(plain.field("toUserId")).isEqualTo("ug1");
        assertThat(plain.fields()).containsEntry("busChannel", "").containsEntry("originalMsgUID", "");
    }

    private static ReceivedRequest byUid(List<ReceivedRequest> routed, String uid) {
        return routed.stream().filter(request -> request.formField("msgUID").orElse("").equals(uid)).findFirst()
                .orElseThrow();
    }
}
