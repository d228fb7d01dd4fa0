package io.parley.starter.messages;

import static io.parley.starter.support.Devices.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.starter.support.Devices;
import io.parley.starter.support.Devices.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.message.DiscussionMessage;
import io.rong.models.message.RecallMessage;
import io.rong.models.message.TemplateMessage;
import io.rong.models.response.ListWordfilterResult;
import io.rong.models.sensitiveword.SensitiveWordModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template publish endpoints, broadcast recall, the discussion refusal and the legacy word filter, through
 * RongCloud's server SDK 3.3.1 against a real server, felt by real client devices.
 */
class MessageEndpointsSdkTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static EmbeddedParley server;
    static RongCloud rongCloud;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dir);
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
        api = server.serverApi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Device connect(String userId, String deviceId) {
        return Devices.connect(server.client(userId, deviceId, "Android").build());
    }

    private static TemplateMessage template(String sender, Map<String, Map<String, String>> values, String push) {
        TemplateMessage message = new TemplateMessage();
        message.setSenderId(sender);
        message.setObjectName("RC:TxtMsg");
        message.setTemplate(Map.of("content", "{name}, your score is {score}"));
        Map<String, TemplateMessage.Data> content = new LinkedHashMap<>();
        values.forEach((userId, placeholders) -> {
            TemplateMessage.Data data = message.new Data();
            data.setData(placeholders);
            data.setPush(push);
            content.put(userId, data);
        });
        message.setContent(content);
        return message;
    }

    @Test
    void aPrivateTemplateGivesEachRecipientItsOwnValues() throws Exception {
        try (Device ann = connect("tp-ann", "tp-ann-1"); Device bob = connect("tp-bob", "tp-bob-1")) {
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            values.put("tp-ann", Map.of("{name}", "Ann", "{score}", "90"));
            values.put("tp-bob", Map.of("{name}", "Bob \"B\"", "{score}", "75"));
            assertThat(rongCloud.message.msgPrivate.sendTemplate(template("tp-teacher", values, "{name}: results"))
                    .getCode()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> ann.of("RC:TxtMsg").size() == 1 && bob.of("RC:TxtMsg").size() == 1);
            ReceivedMessage toAnn = ann.of("RC:TxtMsg").get(0);
            assertThat(toAnn.conversationType()).isEqualTo(ConversationType.PRIVATE);
            assertThat(toAnn.fromUserId()).isEqualTo("tp-teacher");
            assertThat(toAnn.content()).contains("Ann, your score is 90").doesNotContain("Bob");
            assertThat(toAnn.pushContent()).isEqualTo("Ann: results");
            ReceivedMessage toBob = bob.of("RC:TxtMsg").get(0);
            // a quote in a value is escaped inside the JSON content
            assertThat(toBob.content()).contains("Bob \\\"B\\\", your score is 75");
            assertThat(toBob.pushContent()).isEqualTo("Bob \"B\": results");
        }
    }

    @Test
    void aSystemTemplateArrivesInTheSystemConversation() throws Exception {
        try (Device cat = connect("ts-cat", "ts-cat-1"); Device dan = connect("ts-dan", "ts-dan-1")) {
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            values.put("ts-cat", Map.of("{name}", "Cat", "{score}", "88"));
            values.put("ts-dan", Map.of("{name}", "Dan", "{score}", "61"));
            assertThat(rongCloud.message.system.sendTemplate(template("ts-school", values, "news for {name}"))
                    .getCode()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> cat.of("RC:TxtMsg").size() == 1 && dan.of("RC:TxtMsg").size() == 1);
            assertThat(cat.of("RC:TxtMsg").get(0).conversationType()).isEqualTo(ConversationType.SYSTEM);
            assertThat(cat.of("RC:TxtMsg").get(0).content()).contains("Cat, your score is 88");
            assertThat(cat.of("RC:TxtMsg").get(0).pushContent()).isEqualTo("news for Cat");
            assertThat(dan.of("RC:TxtMsg").get(0).conversationType()).isEqualTo(ConversationType.SYSTEM);
            assertThat(dan.of("RC:TxtMsg").get(0).content()).contains("Dan, your score is 61");
        }
    }

    @Test
    void templateArraysThatDoNotMatchTheRecipientsAreRefusedWith1002NamingTheField() {
        for (String path : List.of("/message/private/publish_template.json", "/message/system/publish_template.json")) {
            ServerApiClient.Answer values = api.postJson(path, "{\"fromUserId\":\"tv-a\",\"objectName\":\"RC:TxtMsg\","
                    + "\"content\":\"{\\\"content\\\":\\\"hi {n}\\\"}\",\"toUserId\":[\"tv-b\",\"tv-c\"],"
                    + "\"values\":[{\"{n}\":\"b\"}],\"pushContent\":[\"p\",\"p\"]}");
            assertThat(values.code()).as(path).isEqualTo(1002);
            assertThat(values.body().path("errorMessage").asText()).contains("values");

            ServerApiClient.Answer push = api.postJson(path, "{\"fromUserId\":\"tv-a\",\"objectName\":\"RC:TxtMsg\","
                    + "\"content\":\"{\\\"content\\\":\\\"hi {n}\\\"}\",\"toUserId\":[\"tv-b\",\"tv-c\"],"
                    + "\"values\":[{\"{n}\":\"b\"},{\"{n}\":\"c\"}],\"pushContent\":[\"p\"]}");
            assertThat(push.code()).as(path).isEqualTo(1002);
            assertThat(push.body().path("errorMessage").asText()).contains("pushContent");

            ServerApiClient.Answer pushData = api.postJson(path, "{\"fromUserId\":\"tv-a\",\"objectName\":"
                    + "\"RC:TxtMsg\",\"content\":\"{\\\"content\\\":\\\"hi {n}\\\"}\",\"toUserId\":[\"tv-b\"],"
                    + "\"values\":[{\"{n}\":\"b\"}],\"pushContent\":[\"p\"],\"pushData\":[\"x\",\"y\"]}");
            assertThat(pushData.body().path("errorMessage").asText()).contains("pushData");

            ServerApiClient.Answer noRecipients = api.postJson(path, "{\"fromUserId\":\"tv-a\",\"objectName\":"
                    + "\"RC:TxtMsg\",\"content\":\"{}\",\"values\":[],\"pushContent\":[]}");
            assertThat(noRecipients.code()).isEqualTo(1002);
            assertThat(noRecipients.body().path("errorMessage").asText()).contains("toUserId");

            ServerApiClient.Answer notJson = api.postJson(path, "{\"fromUserId\":\"tv-a\",\"objectName\":"
                    + "\"RC:TxtMsg\",\"content\":\"not json {n}\",\"toUserId\":[\"tv-b\"],"
                    + "\"values\":[{\"{n}\":\"b\"}],\"pushContent\":[\"p\"]}");
            assertThat(notJson.code()).isEqualTo(1002);
            assertThat(api.post(path, "fromUserId", "tv-a").code()).as("a form body").isEqualTo(1002);
        }
    }

    @Test
    void aRecalledBroadcastIsRecalledOnEveryRecipientsDevices() throws Exception {
        try (Device eve = connect("br-eve", "br-eve-1"); Device fay = connect("br-fay", "br-fay-1")) {
            ServerApiClient.Answer sent = api.post("/message/broadcast.json", "fromUserId", "br-admin",
                    "objectName", "RC:TxtMsg", "content", "{\"content\":\"sale today\"}");
            assertThat(sent.code()).isEqualTo(200);
            String broadcastId = sent.body().path("id").asText();
            await().atMost(PATIENCE).until(() -> eve.of("RC:TxtMsg").size() == 1 && fay.of("RC:TxtMsg").size() == 1);
            ReceivedMessage eveCopy = eve.of("RC:TxtMsg").get(0);
            ReceivedMessage fayCopy = fay.of("RC:TxtMsg").get(0);

            RecallMessage byOther = new RecallMessage().setSenderId("br-intruder").setuId(broadcastId)
                    .setSentTime(Long.toString(eveCopy.sentTime()));
            assertThat(rongCloud.message.system.recallBroadcast(byOther).getCode()).isEqualTo(20406);
            RecallMessage unknown = new RecallMessage().setSenderId("br-admin").setuId("NO-SUCH-UID")
                    .setSentTime(Long.toString(eveCopy.sentTime()));
            assertThat(rongCloud.message.system.recallBroadcast(unknown).getCode()).isEqualTo(1015);

            RecallMessage recall = new RecallMessage().setSenderId("br-admin").setuId(broadcastId)
                    .setSentTime(Long.toString(eveCopy.sentTime()));
            assertThat(rongCloud.message.system.recallBroadcast(recall).getCode()).isEqualTo(200);
            await().atMost(PATIENCE).until(() -> eve.of("RC:RcCmd").size() == 1 && fay.of("RC:RcCmd").size() == 1);
            assertThat(eve.of("RC:RcCmd").get(0).conversationType()).isEqualTo(ConversationType.SYSTEM);
            assertThat(eve.of("RC:RcCmd").get(0).content()).contains(eveCopy.messageUid());
            assertThat(fay.of("RC:RcCmd").get(0).content()).contains(fayCopy.messageUid());

            // a device that syncs from the start gets the recall note in place of the broadcast
            try (Device fayPc = connect("br-fay", "br-fay-2")) {
                await().atMost(PATIENCE).until(() -> fayPc.inbox().stream()
                        .anyMatch(message -> message.messageUid().equals(fayCopy.messageUid())));
                ReceivedMessage synced = fayPc.inbox().stream()
                        .filter(message -> message.messageUid().equals(fayCopy.messageUid())).findFirst().orElseThrow();
                assertThat(synced.objectName()).isEqualTo("RC:RcNtf");
                assertThat(fayPc.inbox()).noneMatch(message -> message.content().contains("sale today"));
            }
        }
    }

    @Test
    void discussionsAreNotSupportedAndSayIt() throws Exception {
        DiscussionMessage message = new DiscussionMessage().setSenderId("ds-a").setTargetId(new String[] {"ds-1"})
                .setObjectName("RC:TxtMsg").setContent(new TxtMessage("hello", ""));
        assertThat(rongCloud.message.discussion.send(message).getCode()).isEqualTo(1009);
        ServerApiClient.Answer raw = api.post("/message/discussion/publish.json", "fromUserId", "ds-a",
                "toDiscussionId", "ds-1", "objectName", "RC:TxtMsg", "content", "{\"content\":\"hello\"}");
        assertThat(raw.code()).isEqualTo(1009);
        assertThat(raw.status()).isEqualTo(403);
        assertThat(raw.body().path("errorMessage").asText()).contains("not supported");
    }

    @Test
    void theLegacyWordFilterAddsListsAndDeletesBlockingWords() throws Exception {
        try (Device gus = connect("wf-gus", "wf-gus-1"); Device hal = connect("wf-hal", "wf-hal-1")) {
            assertThat(rongCloud.wordfilter.add("wfcrud").getCode()).isEqualTo(200);
            ListWordfilterResult listed = rongCloud.wordfilter.getList();
            assertThat(listed.getCode()).isEqualTo(200);
            assertThat(listed.getWords()).extracting(SensitiveWordModel::getKeyword).contains("wfcrud");
            ServerApiClient.Answer raw = api.post("/wordfilter/list.json");
            assertThat(raw.body().path("word").isArray()).isTrue();
            assertThat(raw.body().path("word").toString()).contains("\"wfcrud\"");
            // it is a blocking word of the sensitive-word list
            assertThat(rongCloud.sensitiveword.getList(1).getWords()).extracting(SensitiveWordModel::getKeyword)
                    .contains("wfcrud");

            assertThat(outcome(gus.client().sendPrivate("wf-hal", "RC:TxtMsg", "{\"content\":\"wfcrud!\"}")))
                    .isEqualTo(21501);

            assertThat(rongCloud.wordfilter.remove("wfcrud").getCode()).isEqualTo(200);
            assertThat(rongCloud.wordfilter.getList().getWords()).extracting(SensitiveWordModel::getKeyword)
                    .doesNotContain("wfcrud");
            assertThat(outcome(gus.client().sendPrivate("wf-hal", "RC:TxtMsg", "{\"content\":\"wfcrud now\"}")))
                    .isZero();
            await().atMost(PATIENCE).until(() -> hal.of("RC:TxtMsg").stream()
                    .anyMatch(message -> message.content().contains("wfcrud now")));
            assertThat(hal.of("RC:TxtMsg")).noneMatch(message -> message.content().contains("wfcrud!"));
            assertThat(api.post("/wordfilter/add.json").code()).as("no word").isEqualTo(1002);
        }
    }
}
