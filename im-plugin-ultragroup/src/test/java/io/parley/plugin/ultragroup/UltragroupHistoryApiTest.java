package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.TestGroups.channel;
import static io.parley.plugin.ultragroup.TestGroups.create;
import static io.parley.plugin.ultragroup.TestGroups.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.StandardErrorCode;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server API's ultragroup history, Go-SDK endpoints called with the testkit's client: {@code msg/get},
 * {@code hismsg/query} and {@code hismsg/msgid/query}, with RongCloud's field types, messages as readers see
 * them (edits, recalls, expansion), and numbered errors for bad input.
 */
class UltragroupHistoryApiTest extends ServerPerClass {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Sends a text, and waits until the server's clock has moved past its sent time, so that sent times differ. */
    static SendResult sendApart(Device device, String targetId, String text) {
        SendResult sent = device.send(targetId, text);
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > sent.sentTime());
        return sent;
    }

    static List<String> uids(JsonNode data) {
        return StreamSupport.stream(data.spliterator(), false).map(item -> item.get("msgUID").asText()).toList();
    }

    static String msgs(String... uidAndChannel) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < uidAndChannel.length; i += 2) {
            items.add("{\"msgUID\":\"" + uidAndChannel[i] + "\",\"busChannel\":\"" + uidAndChannel[i + 1] + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void msgGetShowsEditsRecallsAndExpansionWithRongCloudsFieldTypes() throws Exception {
        create(api, "hist", "amy", "ben");
        channel(api, "hist", "news", 0);
        SendResult edited;
        SendResult expanded;
        SendResult recalled;
        SendResult general;
        try (Device amy = Device.connect(server, "amy")) {
            edited = amy.send("hist:news", "typo");
            expanded = amy.send("hist:news", "poll");
            recalled = amy.send("hist:news", "oops");
            general = amy.send("hist", "in the default channel");
        }
        ok(api.post("/ultragroup/msg/modify.json", "groupId", "hist", "busChannel", "news", "fromUserId", "amy",
                "msgUID", edited.messageUid(), "content", "{\"content\":\"fixed\"}"));
        ok(api.post("/ultragroup/message/expansion/set.json", "msgUID", expanded.messageUid(), "userId", "amy",
                "groupId", "hist", "busChannel", "news", "extraKeyVal", "{\"yes\":\"3\"}"));
        ok(api.post("/message/recall.json", "conversationType", "10", "fromUserId", "amy", "targetId", "hist",
                "busChannel", "news", "messageUID", recalled.messageUid(), "sentTime",
                String.valueOf(recalled.sentTime())));

        String wanted = msgs(edited.messageUid(), "news", expanded.messageUid(), "news", recalled.messageUid(), "news",
                general.messageUid(), "", general.messageUid(), "news", "NOPE-NOPE-NOPE-NOPE", "news");
        // expansion and recall marks follow their commits by a few milliseconds
        await().atMost(WAIT).until(() -> {
            JsonNode data = ok(api.post("/ultragroup/msg/get.json", "groupId", "hist", "msgs", wanted)).body().get("data");
            return data.size() == 4 && data.get(1).get("expansion").asBoolean()
                    && data.get(2).get("objectName").asText().equals("RC:RcNtf");
        });
        JsonNode data = api.post("/ultragroup/msg/get.json", "groupId", "hist", "msgs", wanted).body().get("data");
        // a UID asked for in the wrong channel, or unknown, is left out
        assertThat(uids(data)).containsExactly(edited.messageUid(), expanded.messageUid(), recalled.messageUid(),
                general.messageUid());

        JsonNode fixed = data.get(0);
        assertThat(fixed.get("content").asText()).isEqualTo("{\"content\":\"fixed\"}");
        assertThat(fixed.get("fromUserId").asText()).isEqualTo("amy");
        assertThat(fixed.get("groupId").asText()).isEqualTo("hist");
        assertThat(fixed.get("busChannel").asText()).isEqualTo("news");
        assertThat(fixed.get("objectName").asText()).isEqualTo("RC:TxtMsg");
        assertThat(fixed.get("sentTime").isIntegralNumber()).isTrue();
        assertThat(fixed.get("sentTime").asLong()).isEqualTo(edited.sentTime());
        assertThat(fixed.get("expansion").isBoolean()).isTrue();
        assertThat(fixed.get("expansion").asBoolean()).isFalse();
        assertThat(fixed.get("extraContent").isTextual()).isTrue();
        assertThat(JSON.readTree(fixed.get("extraContent").asText()).isEmpty()).isTrue();

        JsonNode poll = data.get(1);
        assertThat(poll.get("extraContent").isTextual()).as("extraContent is JSON text here").isTrue();
        assertThat(JSON.readTree(poll.get("extraContent").asText()).get("yes").asText()).isEqualTo("3");

        assertThat(data.get(2).get("objectName").asText()).isEqualTo("RC:RcNtf");
        assertThat(data.get(2).get("content").asText()).doesNotContain("oops");
        assertThat(data.get(3).get("busChannel").asText()).isEmpty();
        assertThat(data.get(3).get("content").asText()).contains("in the default channel");
    }

    @Test
    void hismsgQueryReadsATimeRangeOldestFirstFilteredBySenderAndPaged() {
        create(api, "times", "cat", "dan");
        channel(api, "times", "log", 0);
        List<SendResult> sent = new ArrayList<>();
        try (Device cat = Device.connect(server, "cat"); Device dan = Device.connect(server, "dan")) {
            for (int i = 1; i <= 5; i++) {
                sent.add(sendApart(i % 2 == 0 ? dan : cat, "times:log", "m" + i));
            }
        }
        String from = String.valueOf(sent.get(1).sentTime());
        String to = String.valueOf(sent.get(3).sentTime());
        JsonNode range = ok(api.post("/ultragroup/hismsg/query.json", "groupId", "times", "busChannel", "log",
                "startTime", from, "endTime", to, "pageSize", "50")).body().get("data");
        assertThat(uids(range)).containsExactly(sent.get(1).messageUid(), sent.get(2).messageUid(),
                sent.get(3).messageUid());
        JsonNode first = range.get(0);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("fromUserId", "groupId", "sentTime", "busChannel", "msgUID", "objectName",
                "content", "expansion", "extraContent");
        assertThat(first.get("sentTime").asLong()).isEqualTo(sent.get(1).sentTime());
        assertThat(first.get("extraContent").isTextual()).isTrue();
        assertThat(first.get("expansion").isBoolean()).isTrue();

        JsonNode dans = api.post("/ultragroup/hismsg/query.json", "groupId", "times", "busChannel", "log",
                "startTime", "0", "endTime", String.valueOf(Long.MAX_VALUE / 2), "fromUserId", "dan",
                "pageSize", "50").body().get("data");
        assertThat(uids(dans)).containsExactly(sent.get(1).messageUid(), sent.get(3).messageUid());

        JsonNode page = api.post("/ultragroup/hismsg/query.json", "groupId", "times", "busChannel", "log",
                "startTime", "0", "endTime", to, "pageSize", "2").body().get("data");
        assertThat(uids(page)).containsExactly(sent.get(0).messageUid(), sent.get(1).messageUid());

        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "times", "startTime", from, "endTime", to)
                .body().get("data").size()).as("the default channel has none").isZero();
    }

    @Test
    void hismsgQueryScansTheChannelWhenTheStorageCannotFindASeqByTime(@TempDir Path otherDir) {
        try (EmbeddedParley plain = EmbeddedParley.start(otherDir, "storage.provider", StorageWithoutTimeIndex.NAME)) {
            ServerApiClient plainApi = plain.serverApi();
            create(plainApi, "scan", "gus");
            List<SendResult> sent = new ArrayList<>();
            try (Device gus = Device.connect(plain, "gus")) {
                for (int i = 1; i <= 4; i++) {
                    sent.add(sendApart(gus, "scan", "m" + i));
                }
                assertThat(gus.commandError("history.query", java.util.Map.of("conversationType", 10, "targetId",
                        "scan", "beforeTime", sent.get(2).sentTime())))
                        .as("this storage really has no seqAtTime")
                        .isEqualTo(StandardErrorCode.CAPABILITY_NOT_SUPPORTED.code());
            }
            JsonNode data = ok(plainApi.post("/ultragroup/hismsg/query.json", "groupId", "scan",
                    "startTime", String.valueOf(sent.get(1).sentTime()), "endTime",
                    String.valueOf(sent.get(2).sentTime()))).body().get("data");
            assertThat(uids(data)).containsExactly(sent.get(1).messageUid(), sent.get(2).messageUid());
        }
    }

    @Test
    void hismsgMsgidQueryReadsTheMessagesAroundOneAscending() {
        create(api, "around", "eve");
        List<SendResult> sent = new ArrayList<>();
        try (Device eve = Device.connect(server, "eve")) {
            for (int i = 1; i <= 6; i++) {
                sent.add(eve.send("around", "m" + i));
            }
        }
        ok(api.post("/ultragroup/msg/modify.json", "groupId", "around", "fromUserId", "eve",
                "msgUID", sent.get(1).messageUid(), "content", "{\"content\":\"m2 edited\"}"));
        JsonNode data = ok(api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "around", "busChannel", "",
                "msgUID", sent.get(2).messageUid(), "prevNum", "2", "lastNum", "2")).body().get("data");
        assertThat(uids(data)).containsExactly(sent.get(0).messageUid(), sent.get(1).messageUid(),
                sent.get(2).messageUid(), sent.get(3).messageUid(), sent.get(4).messageUid());
        JsonNode edited = data.get(1);
        assertThat(edited.get("content").asText()).isEqualTo("{\"content\":\"m2 edited\"}");
        assertThat(edited.get("conversationType").isInt()).isTrue();
        assertThat(edited.get("conversationType").asInt()).isEqualTo(10);
        assertThat(edited.get("msgTime").isIntegralNumber()).isTrue();
        assertThat(edited.get("msgTime").asLong()).isEqualTo(sent.get(1).sentTime());
        assertThat(edited.get("extraContent").isObject()).as("extraContent is an object here").isTrue();
        assertThat(edited.get("expansion").isBoolean()).isTrue();
        assertThat(edited.get("groupId").asText()).isEqualTo("around");
        assertThat(edited.get("busChannel").asText()).isEmpty();
        assertThat(edited.get("fromUserId").asText()).isEqualTo("eve");
        assertThat(edited.has("sentTime")).isFalse();

        // the last message has only the edit's note after it
        JsonNode last = api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "around",
                "msgUID", sent.get(5).messageUid(), "prevNum", "0", "lastNum", "5").body().get("data");
        assertThat(last.size()).isEqualTo(2);
        assertThat(last.get(0).get("msgUID").asText()).isEqualTo(sent.get(5).messageUid());
        assertThat(last.get(1).get("objectName").asText()).isEqualTo(Ultragroups.MODIFY_NOTE);
        JsonNode alone = api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "around",
                "msgUID", sent.get(3).messageUid(), "prevNum", "0", "lastNum", "0").body().get("data");
        assertThat(uids(alone)).containsExactly(sent.get(3).messageUid());
    }

    @Test
    void badInputGetsANumberedErrorAndTheServerStaysUp() {
        create(api, "strict", "fay");
        String oneMsg = msgs("NOPE-NOPE-NOPE-NOPE", "");
        int notExist = UltragroupErrorCode.NOT_EXIST.code();
        int noChannel = UltragroupErrorCode.CHANNEL_NOT_EXIST.code();
        int invalid = StandardErrorCode.INVALID_PARAMETER.code();

        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "ghost", "msgs", oneMsg).code()).isEqualTo(notExist);
        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "ghost", "startTime", "0", "endTime", "1")
                .code()).isEqualTo(notExist);
        assertThat(api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "ghost", "msgUID", "X").code())
                .isEqualTo(notExist);

        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "strict", "msgs", msgs("X", "nochan")).code())
                .isEqualTo(noChannel);
        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "strict", "busChannel", "nochan",
                "startTime", "0", "endTime", "1").code()).isEqualTo(noChannel);
        assertThat(api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "strict", "busChannel", "nochan",
                "msgUID", "X").code()).isEqualTo(noChannel);

        String[] many = new String[42];
        for (int i = 0; i < 42; i += 2) {
            many[i] = "UID" + i;
            many[i + 1] = "";
        }
        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "strict", "msgs", msgs(many)).code())
                .isEqualTo(StandardErrorCode.QUANTITY_OVER_LIMIT.code());
        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "strict", "msgs", "[{\"msgUID\":").code())
                .isEqualTo(invalid);
        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "strict", "msgs", "{\"msgUID\":\"X\"}").code())
                .isEqualTo(invalid);
        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "strict", "msgs", "[{\"busChannel\":\"\"}]")
                .code()).isEqualTo(invalid);
        assertThat(api.post("/ultragroup/msg/get.json", "groupId", "strict").code()).isEqualTo(invalid);

        ServerApiClient.Answer backwards = api.post("/ultragroup/hismsg/query.json", "groupId", "strict",
                "startTime", "2000", "endTime", "1000");
        assertThat(backwards.code()).isEqualTo(invalid);
        assertThat(backwards.body().get("errorMessage").asText()).contains("startTime");
        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "strict", "startTime", "yesterday",
                "endTime", "1000").code()).isEqualTo(invalid);
        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "strict", "startTime", "-5",
                "endTime", "1000").code()).isEqualTo(invalid);
        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "strict", "startTime", "0").code())
                .isEqualTo(invalid);
        assertThat(api.post("/ultragroup/hismsg/query.json", "groupId", "strict", "startTime", "0", "endTime", "1",
                "pageSize", "101").code()).isEqualTo(invalid);

        assertThat(api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "strict", "msgUID", "NOPE").code())
                .isEqualTo(UltragroupErrorCode.MESSAGE_NOT_FOUND.code());
        assertThat(api.post("/ultragroup/hismsg/msgid/query.json", "groupId", "strict", "msgUID", "NOPE",
                "prevNum", "51").code()).isEqualTo(invalid);

        // nothing was lost: the group still answers
        assertThat(ok(api.post("/ultragroup/hismsg/query.json", "groupId", "strict", "startTime", "0",
                "endTime", "1")).body().get("data").isArray()).isTrue();
        assertThat(ok(api.post("/ultragroup/member/exist.json", "groupId", "strict", "userId", "fay")).body()
                .get("status").asBoolean()).isTrue();
    }
}
