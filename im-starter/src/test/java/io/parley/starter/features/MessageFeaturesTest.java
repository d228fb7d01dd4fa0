package io.parley.starter.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.conversation.ConversationModel;
import io.rong.models.message.BroadcastMessage;
import io.rong.models.message.ExpansionModel;
import io.rong.models.message.MessageModel;
import io.rong.models.message.RecallMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall, expansion, receipts, read sync, the conversation list and system messages, end to end. */
class MessageFeaturesTest {
    @TempDir
    Path dataDir;

    EmbeddedParley server;
    RongCloud rongCloud;
    final Map<String, ImClient> clients = new ConcurrentHashMap<>();
    final Map<String, List<ReceivedMessage>> received = new ConcurrentHashMap<>();
    final Map<String, List<String>> events = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir);
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterEach
    void stop() {
        clients.values().forEach(ImClient::close);
        server.close();
    }

    private ImClient connect(String device, String userId, String platform) {
        List<ReceivedMessage> inbox = received.computeIfAbsent(device, id -> new CopyOnWriteArrayList<>());
        List<String> eventNames = events.computeIfAbsent(device, id -> new CopyOnWriteArrayList<>());
        ImClient client = server.client(userId, device, platform).cursorStore(CursorStore.inMemory()).build();
        client.addMessageListener(inbox::add);
        client.addEventListener((name, body) -> eventNames.add(name));
        client.connect().join();
        clients.put(device, client);
        return client;
    }

    private List<ReceivedMessage> of(String device, String objectName) {
        return received.getOrDefault(device, List.of()).stream()
                .filter(message -> message.objectName().equals(objectName)).toList();
    }

    private static void expectCode(java.util.concurrent.CompletableFuture<?> future, int code) {
        assertThat(future).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(error.code()).isEqualTo(code));
    }

    @Test
    void theSenderRecallsAMessageAndSyncShowsItRecalled() {
        ImClient ann = connect("ann", "ann", "iOS");
        ImClient bob = connect("bob", "bob", "Android");
        SendResult sent = ann.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"oops\"}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bob", "RC:TxtMsg").size() == 1);

        expectCode(bob.sendPrivate("ann", "RC:RcCmd", "{\"messageUId\":\"" + sent.messageUid() + "\"}"), 20406);
        ann.sendPrivate("bob", "RC:RcCmd", "{\"messageUId\":\"" + sent.messageUid()
                + "\",\"conversationType\":\"1\",\"targetId\":\"bob\",\"isDelete\":0}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bob", "RC:RcCmd").size() == 1);
        assertThat(of("bob", "RC:RcCmd").get(0).content()).contains(sent.messageUid());

        // a device that syncs from the start sees the recall note in place of the message
        connect("bob-pc", "bob", "PC");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get("bob-pc").size() >= 2);
        ReceivedMessage first = received.get("bob-pc").get(0);
        assertThat(first.messageUid()).isEqualTo(sent.messageUid());
        assertThat(first.objectName()).isEqualTo("RC:RcNtf");
        assertThat(first.content()).contains("\"operatorId\":\"ann\"").contains("\"originalObjectName\":\"RC:TxtMsg\"");
        assertThat(received.get("bob-pc")).noneMatch(message -> message.content().contains("oops"));
    }

    @Test
    void theServerApiRecallsAsAdminThroughRongCloudsSdk() throws Exception {
        connect("bob", "bob", "Android");
        SendResult sent = connect("ann", "ann", "iOS").sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"x\"}").join();
        RecallMessage recall = new RecallMessage().setSenderId("ann").setTargetId("bob").setuId(sent.messageUid())
                .setSentTime(Long.toString(sent.sentTime())).setIsAdmin(1).setIsDelete(1);
        assertThat(rongCloud.message.msgPrivate.recall(recall).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bob", "RC:RcCmd").size() == 1);
        assertThat(of("bob", "RC:RcCmd").get(0).content()).contains("\"isDelete\":1");
    }

    @Test
    void recallIsRefusedOutsideTheWindow() {
        server.close();
        server = EmbeddedParley.start(dataDir.resolve("short-window"), "message.recall-window", "1ms");
        ImClient ann = connect("ann", "ann", "iOS");
        SendResult sent = ann.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"too late\"}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > sent.sentTime() + 1);
        expectCode(ann.sendPrivate("bob", "RC:RcCmd", "{\"messageUId\":\"" + sent.messageUid() + "\"}"), 20406);
    }

    @Test
    void expansionIsSetQueriedAndSyncedToEveryParticipant() throws Exception {
        ImClient ann = connect("ann", "ann", "iOS");
        connect("bob", "bob", "Android");
        SendResult sent = ann.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"vote\"}").join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationType", 1);
        body.put("targetId", "bob");
        body.put("messageUid", sent.messageUid());
        body.put("values", Map.of("yes", "1"));
        ann.command("message.expansion.set", body).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bob", "Parley:ExpansionChange").size() == 1);
        assertThat(of("bob", "Parley:ExpansionChange").get(0).content()).contains("\"yes\"");

        ExpansionModel model = new ExpansionModel();
        model.setMsgUID(sent.messageUid());
        model.setUserId("bob");
        model.setConversationType(1);
        model.setTargetId("ann");
        model.setExtraKeyVal(new HashMap<>(Map.of("no", "0")));
        assertThat(rongCloud.expansion.set(model).getCode()).isEqualTo(200);
        ExpansionModel sdkRemoval = new ExpansionModel();
        sdkRemoval.setMsgUID(sent.messageUid());
        sdkRemoval.setUserId("bob");
        sdkRemoval.setConversationType(1);
        sdkRemoval.setTargetId("ann");
        sdkRemoval.setExtraKey(new java.util.HashSet<>(List.of("gone")));
        model.setExtraKeyVal(new HashMap<>(Map.of("gone", "x")));
        rongCloud.expansion.set(model);
        assertThat(rongCloud.expansion.remove(sdkRemoval).getCode()).isEqualTo(200);
        var query = server.serverApi().post("/message/expansion/query.json", "msgUID", sent.messageUid());
        assertThat(query.body().at("/extraContent/gone").isMissingNode()).isTrue();
        assertThat(query.body().at("/extraContent/yes/v").asText()).isEqualTo("1");
        assertThat(query.body().at("/extraContent/no/v").asText()).isEqualTo("0");
        assertThat(query.body().at("/extraContent/no/ts").asLong()).isPositive();

        Map<String, Object> removal = new LinkedHashMap<>(body);
        removal.remove("values");
        removal.put("keys", List.of("yes"));
        ann.command("message.expansion.delete", removal).join();
        Map<String, Object> query2 = new LinkedHashMap<>(body);
        query2.remove("values");
        assertThat(ann.command("message.expansion.query", query2).join().get("values").toString())
                .doesNotContain("yes=").contains("no=");
        // bob hears ann's two changes, not his own three server-API ones (sent without isSyncSender); ann, whose
        // device changes sync to her other devices, hears all five
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bob", "Parley:ExpansionChange").size() == 2
                && of("ann", "Parley:ExpansionChange").size() == 5);

        Map<String, Object> tooMany = new LinkedHashMap<>(body);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            values.put("k" + i, "v");
        }
        tooMany.put("values", values);
        expectCode(ann.command("message.expansion.set", tooMany), 1502);
        Map<String, Object> chatroom = new LinkedHashMap<>(body);
        chatroom.put("conversationType", 4);
        expectCode(ann.command("message.expansion.set", chatroom), 33006);
    }

    @Test
    void groupReadReceiptsCountReaders() throws Exception {
        server.serverApi().post("/group/create.json", "groupId", "g", "groupName", "G", "userId", "ann", "userId",
                "bob", "userId", "cid");
        ImClient ann = connect("ann", "ann", "iOS");
        ImClient bob = connect("bob", "bob", "Android");
        ImClient cid = connect("cid", "cid", "Android");
        SendResult sent = ann.sendGroup("g", "RC:TxtMsg", "{\"content\":\"read me\"}").join();
        String response = "{\"receiptMessageDic\":{\"ann\":[\"" + sent.messageUid() + "\"]}}";
        bob.sendGroup("g", "RC:RRRspMsg", response).join();
        cid.sendGroup("g", "RC:RRRspMsg", response).join();
        Map<String, Object> answer = ann.command("message.receipts",
                Map.of("targetId", "g", "messageUid", sent.messageUid())).join();
        assertThat(answer).containsEntry("readCount", 2);
        assertThat(answer.get("readers").toString()).contains("bob").contains("cid");
    }

    @Test
    void readPositionTypingAndTheConversationListStayInStepAcrossDevices() throws Exception {
        ImClient annPhone = connect("ann-phone", "ann", "iOS");
        connect("ann-pc", "ann", "PC");
        ImClient bob = connect("bob", "bob", "Android");
        bob.sendPrivate("ann", "RC:TxtMsg", "{\"content\":\"one\"}").join();
        SendResult two = bob.sendPrivate("ann", "RC:TxtMsg", "{\"content\":\"@ann two\",\"mentionedInfo\":"
                + "{\"type\":2,\"userIdList\":[\"ann\"]}}").join();
        bob.sendPrivate("ann", "RC:TypSts", "{\"typingContentType\":\"RC:TxtMsg\"}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("ann-pc", "RC:TypSts").size() == 1);

        Map<String, Object> list = annPhone.command("conversation.list", Map.of()).join();
        assertThat(list.get("conversations").toString()).contains("targetId=bob").contains("unreadCount=2")
                .contains("mentionCount=1");

        annPhone.sendPrivate("bob", "RC:SRSMsg", "{\"lastMessageSendTime\":" + two.sentTime() + "}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("ann-pc", "RC:SRSMsg").size() == 1
                && events.get("ann-pc").contains("conversation.changed"));
        assertThat(of("bob", "RC:SRSMsg")).isEmpty();
        assertThat(annPhone.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("unreadCount=0");

        bob.sendPrivate("ann", "RC:TxtMsg", "{\"content\":\"three\"}").join();
        assertThat(annPhone.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("unreadCount=1");
        annPhone.command("conversation.read", Map.of("conversationType", 1, "targetId", "bob")).join();
        assertThat(annPhone.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("unreadCount=0");
        annPhone.sendPrivate("bob", "RC:ReadNtf", "{\"lastMessageSendTime\":" + two.sentTime() + ",\"type\":1}")
                .join();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bob", "RC:ReadNtf").size() == 1);
        // the receipt is kept: bob's list (on any device of his, one connecting later too) has ann's read time
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.command("conversation.list", Map.of()).join()
                .get("conversations").toString().contains("peerReadTime=" + two.sentTime()));
        assertThat(annPhone.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("peerReadTime=0");

        ConversationModel mute = new ConversationModel().setType("1").setUserId("ann").setTargetId("bob");
        assertThat(rongCloud.conversation.mute(mute).getCode()).isEqualTo(200);
        assertThat(rongCloud.conversation.get(mute).toString()).contains("\"isMuted\":1");
        assertThat(server.serverApi().post("/conversation/top/set.json", "userId", "ann", "conversationType", "1",
                "targetId", "bob", "setTop", "true").code()).isEqualTo(200);
        assertThat(annPhone.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("pinned=true").contains("unpushLevel=5");

        annPhone.command("conversation.delete", Map.of("conversationType", 1, "targetId", "bob")).join();
        assertThat(annPhone.command("conversation.list", Map.of()).join().get("conversations").toString())
                .doesNotContain("targetId=bob");
    }

    @Test
    void systemMessagesBroadcastsAndStatusMessagesReachWhoTheyShould() throws Exception {
        server.serverApi().token("offline-user");
        connect("online-user", "online-user", "iOS");
        MessageModel system = new io.rong.models.message.SystemMessage().setSenderId("admin")
                .setTargetId(new String[] {"online-user"}).setObjectName("RC:TxtMsg")
                .setContent(new TxtMessage("system notice", ""));
        assertThat(rongCloud.message.system.send(system).getCode()).isEqualTo(200);
        BroadcastMessage broadcast = new BroadcastMessage().setSenderId("admin").setObjectName("RC:TxtMsg")
                .setContent(new TxtMessage("to everyone", ""));
        assertThat(rongCloud.message.system.broadcast(broadcast).getCode()).isEqualTo(200);
        BroadcastMessage online = new BroadcastMessage().setSenderId("admin").setObjectName("RC:TxtMsg")
                .setContent(new TxtMessage("online only", ""));
        assertThat(rongCloud.message.system.onlineBroadcast(online).getCode()).isEqualTo(200);
        assertThat(server.serverApi().post("/statusmessage/private/publish.json", "fromUserId", "admin", "toUserId",
                "offline-user", "objectName", "RC:TxtMsg", "content", "{\"content\":\"status\"}").code()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> of("online-user", "RC:TxtMsg").size() == 3);
        assertThat(of("online-user", "RC:TxtMsg")).allMatch(m -> m.conversationType() == ConversationType.SYSTEM);

        connect("offline-user", "offline-user", "Android");
        await().atMost(Duration.ofSeconds(10)).until(() -> of("offline-user", "RC:TxtMsg").size() == 1);
        assertThat(of("offline-user", "RC:TxtMsg").get(0).content()).contains("to everyone");
    }

    @Test
    void aSystemConversationIsNamedByItsSenderOnTheRecipientsSideInDeliverySyncListHistoryAndRead() {
        connect("dana-phone", "dana", "iOS");
        assertThat(server.serverApi().post("/message/system/publish.json", "fromUserId", "news-bot", "toUserId", "dana",
                "objectName", "RC:TxtMsg", "content", "{\"content\":\"hello from the news\"}").code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> of("dana-phone", "RC:TxtMsg").size() == 1);
        ReceivedMessage delivered = of("dana-phone", "RC:TxtMsg").get(0);
        assertThat(delivered.conversationType()).isEqualTo(ConversationType.SYSTEM);
        assertThat(delivered.targetId()).isEqualTo("news-bot");
        assertThat(delivered.fromUserId()).isEqualTo("news-bot");

        // a new device syncs it under the same name
        ImClient tablet = connect("dana-tablet", "dana", "Android");
        await().atMost(Duration.ofSeconds(10)).until(() -> of("dana-tablet", "RC:TxtMsg").size() == 1);
        assertThat(of("dana-tablet", "RC:TxtMsg").get(0).targetId()).isEqualTo("news-bot");

        String list = tablet.command("conversation.list", Map.of()).join().get("conversations").toString();
        assertThat(list).contains("conversationType=6").contains("targetId=news-bot").contains("unreadCount=1")
                .doesNotContain("targetId=dana");
        Map<String, Object> history = tablet.command("history.query",
                Map.of("conversationType", 6, "targetId", "news-bot")).join();
        assertThat(history.get("messages").toString()).contains("hello from the news").contains("targetId=news-bot");
        tablet.command("conversation.read", Map.of("conversationType", 6, "targetId", "news-bot")).join();
        assertThat(tablet.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("targetId=news-bot").contains("unreadCount=0");
    }
}
