package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.storage.StorageProvider;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.message.RecallMessage;
import io.rong.models.message.UltraGroupMessage;
import io.rong.models.ultragroup.UltraGroupMember;
import io.rong.models.ultragroup.UltraGroupModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ultragroups end to end: RongCloud's server SDK 3.3.1 (or the testkit's client for Go-only endpoints) and real clients. */
class UltragroupEndToEndTest {
    /**
     * What the waits below wait for runs on the plugin's fan-out listener thread (mentions, deliveries, pushes) and
     * the server's workers (commands); on a loaded machine both can be starved for seconds, so the limit is generous.
     */
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir, "ultragroup.push.interval", "0s");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
        api = server.serverApi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void create(String groupId, String owner, String... members) throws Exception {
        assertThat(rongCloud.ultraGroup.create(new UltraGroupModel().setId(groupId).setUserId(owner).setName(groupId))
                .getCode()).isEqualTo(200);
        for (String member : members) {
            assertThat(rongCloud.ultraGroup.join(new UltraGroupModel().setId(groupId).setUserId(member)).getCode())
                    .isEqualTo(200);
        }
    }

    static void channel(String groupId, String channelId, int type) throws Exception {
        assertThat(rongCloud.ultraGroup.busChannel.add(new UltraGroupModel().setId(groupId).setBusChannel(channelId)
                .setType(type)).getCode()).isEqualTo(200);
    }

    /** Posts a signed JSON body, as the Go SDK sends the JSON endpoints. */
    static int postJson(String path, String json) throws Exception {
        String nonce = String.valueOf(System.nanoTime());
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + path))
                .header("App-Key", server.appKey()).header("Nonce", nonce).header("Timestamp", timestamp)
                .header("Signature", io.parley.api.rongcloud.RongCloudSignature.sign(server.appSecret(), nonce, timestamp))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        String body = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("code").asInt();
    }

    static List<Object> contents(List<Map<String, Object>> history) {
        return history.stream().map(m -> m.get("content")).toList();
    }

    @Test
    void messagesGoToOneLogPerChannelWithItsOwnSeqAndReachOnlineMembersOnly() throws Exception {
        create("town", "ann", "ben");
        assertThat(api.post("/ultragroup/member/exist.json", "groupId", "town", "userId", "ben").body()
                .get("status").isBoolean()).isTrue();
        channel("town", "news", 0);
        try (Device ann = Device.connect(server, "ann"); Device ben = Device.connect(server, "ben")) {
            ben.command("ultragroup.subscribe", Map.of("targetId", "town"));

            SendResult first = ann.send("town", "hello");
            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.inboxSeq()).isZero();
            await().atMost(WAIT).until(() -> ben.messages.stream().anyMatch(m -> m.content().contains("hello")));
            ReceivedMessage got = ben.messages.get(0);
            assertThat(got.targetId()).isEqualTo("town");
            assertThat(got.seq()).isEqualTo(1);

            // another channel has its own gapless seq; ben is not looking at it, so he gets a notice
            assertThat(ann.send("town:news", "n1").seq()).isEqualTo(1);
            assertThat(ann.send("town:news", "n2").seq()).isEqualTo(2);
            assertThat(ann.send("town", "again").seq()).isEqualTo(2);
            await().atMost(WAIT).until(() -> ben.events(LocalDelivery.EVENT_MESSAGE).size() == 2);
            assertThat(ben.events(LocalDelivery.EVENT_MESSAGE).get(1).body()).containsEntry("targetId", "town:news")
                    .containsEntry("seq", 2).containsEntry("fromUserId", "ann");

            // on connect: the channel list with latest seqs, then pull history by seq
            Map<String, Object> news = ben.channel("town", "town:news");
            assertThat(news).containsEntry("latestSeq", 2).containsEntry("readSeq", 0).containsEntry("unreadCount", 2);
            assertThat(contents(ben.history("town:news"))).containsExactly("{\"content\":\"n1\"}", "{\"content\":\"n2\"}");
            assertThat(ben.command("ultragroup.history", Map.of("targetId", "town:news", "afterSeq", 1))
                    .get("messages").toString()).contains("n2").doesNotContain("n1");
        }
        // no inbox copies: read diffusion
        StorageProvider storage = server.server().kernelObject(StorageProvider.class);
        assertThat(storage.messages().inboxHead("ben")).isZero();
        assertThat(storage.messages().inboxHead("ann")).isZero();
    }

    @Test
    void theServerSdkPublishesIntoAChannelAndRecallsWithBusChannel() throws Exception {
        create("pub", "cat", "dan");
        channel("pub", "talk", 0);
        UltraGroupMessage message = new UltraGroupMessage().setSenderId("cat").setTargetId(new String[] {"pub"})
                .setObjectName("RC:TxtMsg").setContent(new TxtMessage("from the app", "")).setBusChannel("talk");
        assertThat(rongCloud.message.ultraGroup.send(message).getCode()).isEqualTo(200);
        try (Device dan = Device.connect(server, "dan")) {
            List<Map<String, Object>> history = dan.history("pub:talk");
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("content").toString()).contains("from the app");
            String uid = (String) history.get(0).get("messageUid");

            RecallMessage recall = new RecallMessage().setSenderId("cat").setTargetId("pub").setuId(uid)
                    .setSentTime(String.valueOf(history.get(0).get("sentTime")));
            recall.setBusChannel("talk");
            assertThat(rongCloud.message.ultraGroup.recall(recall).getCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> "RC:RcNtf".equals(dan.history("pub:talk").get(0).get("objectName")));
            assertThat(dan.history("pub:talk")).extracting(m -> m.get("objectName"))
                    .containsExactly("RC:RcNtf", "RC:RcCmd");
        }
    }

    @Test
    void privateChannelsAreInvisibleUnreadableAndClosedToNonMembersUntilListedOrBound() throws Exception {
        create("club", "eve", "fay", "gus");
        channel("club", "staff", 1);
        assertThat(rongCloud.ultraGroup.busChannel.privateUserAdd(new UltraGroupModel().setId("club")
                .setBusChannel("staff").setMembers(new UltraGroupMember[] {new UltraGroupMember().setId("eve")}))
                .getCode()).isEqualTo(200);
        try (Device eve = Device.connect(server, "eve"); Device fay = Device.connect(server, "fay");
                Device gus = Device.connect(server, "gus")) {
            eve.send("club:staff", "secret");
            assertThat(fay.sendError("club:staff", "let me in")).isEqualTo(UltragroupErrorCode.NO_CHANNEL_ACCESS.code());
            assertThat(fay.commandError("ultragroup.history", Map.of("targetId", "club:staff")))
                    .isEqualTo(UltragroupErrorCode.NO_CHANNEL_ACCESS.code());
            assertThat(fay.channel("club", "club:staff")).isNull();
            assertThat(fay.channel("club", "club")).isNotNull();
            assertThat(fay.events(LocalDelivery.EVENT_MESSAGE)).isEmpty();

            // a user group bound to the channel gives its members access
            assertThat(postJson("/ultragroup/usergroup/add.json",
                    "{\"groupId\":\"club\",\"userGroups\":[{\"userGroupId\":\"mods\"}]}")).isEqualTo(200);
            assertThat(api.post("/ultragroup/usergroup/user/add.json", "groupId", "club", "userGroupId", "mods",
                    "userIds", "fay").code()).isEqualTo(200);
            assertThat(fay.channel("club", "club:staff")).isNull();
            assertThat(api.post("/ultragroup/channel/usergroup/bind.json", "groupId", "club", "busChannel", "staff",
                    "userGroupIds", "mods").code()).isEqualTo(200);
            assertThat(api.post("/ultragroup/channel/usergroup/query.json", "groupId", "club", "busChannel", "staff")
                    .body().get("data").toString()).isEqualTo("[\"mods\"]");
            assertThat(fay.channel("club", "club:staff")).containsEntry("latestSeq", 1);
            assertThat(contents(fay.history("club:staff"))).containsExactly("{\"content\":\"secret\"}");
            eve.send("club:staff", "for mods");
            await().atMost(WAIT).until(() -> fay.events(LocalDelivery.EVENT_MESSAGE).size() == 1);
            assertThat(gus.sendError("club:staff", "me too?")).isEqualTo(UltragroupErrorCode.NO_CHANNEL_ACCESS.code());

            assertThat(api.post("/ultragroup/channel/usergroup/unbind.json", "groupId", "club", "busChannel", "staff",
                    "userGroupIds", "mods").code()).isEqualTo(200);
            assertThat(fay.sendError("club:staff", "still?")).isEqualTo(UltragroupErrorCode.NO_CHANNEL_ACCESS.code());
            assertThat(rongCloud.ultraGroup.busChannel.privateUserGet("club", "staff").getMembers()).containsExactly("eve");
        }
    }

    @Test
    void theSenderOrTheServerEditsAMessageKeepingUidAndSeqWithAVersion() throws Exception {
        create("edits", "hal", "ida");
        try (Device hal = Device.connect(server, "hal"); Device ida = Device.connect(server, "ida")) {
            SendResult sent = hal.send("edits", "typo");
            assertThat(hal.command("ultragroup.modify", Map.of("targetId", "edits", "messageUid", sent.messageUid(),
                    "content", "{\"content\":\"fixed\"}"))).containsEntry("version", 1);
            Map<String, Object> seen = ida.history("edits").get(0);
            assertThat(seen).containsEntry("messageUid", sent.messageUid()).containsEntry("seq", 1)
                    .containsEntry("content", "{\"content\":\"fixed\"}").containsEntry("version", 1);
            assertThat(ida.commandError("ultragroup.modify", Map.of("targetId", "edits", "messageUid",
                    sent.messageUid(), "content", "{}"))).isEqualTo(UltragroupErrorCode.NOT_SENDER.code());

            assertThat(api.post("/ultragroup/msg/modify.json", "groupId", "edits", "fromUserId", "hal", "msgUID",
                    sent.messageUid(), "content", "{\"content\":\"v2\"}").code()).isEqualTo(200);
            assertThat(ida.history("edits").get(0)).containsEntry("content", "{\"content\":\"v2\"}")
                    .containsEntry("version", 2).containsEntry("seq", 1);
            // the edit is announced in the channel for devices that cache messages
            assertThat(ida.history("edits")).extracting(m -> m.get("objectName"))
                    .containsExactly("RC:TxtMsg", Ultragroups.MODIFY_NOTE, Ultragroups.MODIFY_NOTE);
        }
    }

    @Test
    void aUserJoinsAtMost100UltragroupsAndAGroupHasAtMost50Channels() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(api.post("/ultragroup/create.json", "groupId", "lim" + i, "userId", "jon", "groupName", "x")
                    .code()).isEqualTo(200);
        }
        assertThat(api.post("/ultragroup/create.json", "groupId", "lim100", "userId", "kai").code()).isEqualTo(200);
        ServerApiClient.Answer refused = api.post("/ultragroup/join.json", "groupId", "lim100", "userId", "jon");
        assertThat(refused.code()).isEqualTo(UltragroupErrorCode.TOO_MANY_GROUPS.code());
        assertThat(api.post("/ultragroup/create.json", "groupId", "lim101", "userId", "jon").code())
                .isEqualTo(UltragroupErrorCode.TOO_MANY_GROUPS.code());
        assertThat(api.post("/ultragroup/member/exist.json", "groupId", "lim101", "userId", "jon").code())
                .isEqualTo(UltragroupErrorCode.NOT_EXIST.code());
        assertThat(api.post("/ultragroup/quit.json", "groupId", "lim0", "userId", "jon").code()).isEqualTo(200);
        assertThat(api.post("/ultragroup/join.json", "groupId", "lim100", "userId", "jon").code()).isEqualTo(200);

        for (int i = 1; i < 50; i++) {
            channel("lim1", "c" + i, 0);
        }
        assertThat(api.post("/ultragroup/channel/create.json", "groupId", "lim1", "busChannel", "c50").code())
                .isEqualTo(UltragroupErrorCode.TOO_MANY_CHANNELS.code());
        assertThat(rongCloud.ultraGroup.busChannel.getList("lim1", 1, 100).getCode()).isEqualTo(200);
        assertThat(api.post("/ultragroup/channel/get.json", "groupId", "lim1", "limit", "100").body()
                .get("channelList").size()).isEqualTo(49);
    }

    @Test
    void unreadCountsAndMentionsAreKeptByTheServerAndSyncedAcrossDevices() throws Exception {
        create("chat", "lea", "max");
        try (Device lea = Device.connect(server, "lea"); Device phone = Device.connect(server, "max", "Android");
                Device laptop = Device.connect(server, "max", "PC")) {
            lea.send("chat", "one");
            lea.send("chat", "two");
            lea.sendContent("chat", "{\"content\":\"@max\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"max\"]}}");
            // the plugin's fan-out records a message's mentions, then delivers it: once both of max's devices have the
            // third message, its mention is counted, and the counts are read once instead of polled
            await().atMost(WAIT).until(() -> phone.events(LocalDelivery.EVENT_MESSAGE).size() == 3
                    && laptop.events(LocalDelivery.EVENT_MESSAGE).size() == 3);
            assertThat(phone.events(LocalDelivery.EVENT_MESSAGE).get(2).body()).containsEntry("mentioned", true);
            assertThat(laptop.channel("chat", "chat")).containsEntry("mentionCount", 1);
            assertThat(phone.channel("chat", "chat")).containsEntry("unreadCount", 3).containsEntry("latestSeq", 3)
                    .containsEntry("mentionCount", 1);

            assertThat(phone.command("ultragroup.read", Map.of("targetId", "chat", "seq", 2)))
                    .containsEntry("readSeq", 2);
            await().atMost(WAIT).until(() -> !laptop.events(UltragroupCommands.EVENT_READ).isEmpty());
            assertThat(laptop.events(UltragroupCommands.EVENT_READ).get(0).body()).containsEntry("readSeq", 2);
            assertThat(laptop.channel("chat", "chat")).containsEntry("unreadCount", 1).containsEntry("mentionCount", 1)
                    .containsEntry("readSeq", 2);
            laptop.command("ultragroup.read", Map.of("targetId", "chat"));
            assertThat(phone.channel("chat", "chat")).containsEntry("unreadCount", 0).containsEntry("mentionCount", 0);
            // what you send does not count as unread for you
            assertThat(lea.channel("chat", "chat")).containsEntry("unreadCount", 0);
        }
    }

    @Test
    void historyFromBeforeJoiningIsHiddenAndMutesApply() throws Exception {
        create("late", "ned");
        try (Device ned = Device.connect(server, "ned")) {
            ned.send("late", "before");
            assertThat(rongCloud.ultraGroup.join(new UltraGroupModel().setId("late").setUserId("oli")).getCode())
                    .isEqualTo(200);
            ned.send("late", "after");
            try (Device oli = Device.connect(server, "oli")) {
                assertThat(contents(oli.history("late"))).containsExactly("{\"content\":\"after\"}");
                assertThat(oli.channel("late", "late")).containsEntry("unreadCount", 1);

                assertThat(rongCloud.ultraGroup.ban.set("late", true).getCode()).isEqualTo(200);
                assertThat(oli.sendError("late", "muted")).isEqualTo(UltragroupErrorCode.MUTED.code());
                assertThat(rongCloud.ultraGroup.whiteList.add(new UltraGroupModel().setId("late")
                        .setMembers(new UltraGroupMember[] {new UltraGroupMember().setId("oli")})).getCode())
                        .isEqualTo(200);
                assertThat(oli.send("late", "whitelisted").seq()).isEqualTo(3);
                assertThat(rongCloud.ultraGroup.ban.set("late", false).getCode()).isEqualTo(200);
                assertThat(rongCloud.ultraGroup.user.add(new UltraGroupModel().setId("late")
                        .setMembers(new UltraGroupMember[] {new UltraGroupMember().setId("oli")})).getCode())
                        .isEqualTo(200);
                assertThat(oli.sendError("late", "banned")).isEqualTo(UltragroupErrorCode.MUTED.code());
                assertThat(api.post("/ultragroup/userbanned/get.json", "groupId", "late").body().get("users")
                        .toString()).isEqualTo("[{\"id\":\"oli\"}]");
            }
        }
    }

    @Test
    void offlineMembersArePushedAfterTheirLevelsAndMentionsAlwaysNotify() throws Exception {
        create("loud", "pam", "quin", "rex", "sam");
        assertThat(rongCloud.ultraGroup.notdisturb.set("loud", 5).getCode()).isEqualTo(200);
        assertThat(api.post("/ultragroup/notdisturb/get.json", "groupId", "loud").body().get("unpushLevel").asInt())
                .isEqualTo(5);
        try (Device pam = Device.connect(server, "pam"); Device rex = Device.connect(server, "rex")) {
            // rex is online: no push; quin and sam are offline but the group's level is 5 (nothing)
            rex.command("ultragroup.notdisturb.set", Map.of("targetId", "loud", "level", 0));
            pam.send("loud", "quiet");
            assertThat(rongCloud.ultraGroup.notdisturb.set("loud", 1).getCode()).isEqualTo(200);
            pam.send("loud", "still quiet");
            pam.sendContent("loud", "{\"content\":\"@quin\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"quin\"]}}");
            await().atMost(WAIT).until(() -> PushRecorder.to("quin").size() == 1);
            assertThat(PushRecorder.to("quin").get(0).mentioned()).isTrue();
            assertThat(PushRecorder.to("quin").get(0).unpushLevel()).isEqualTo(1);
            assertThat(PushRecorder.to("sam")).isEmpty();
            assertThat(PushRecorder.to("rex")).isEmpty();
            assertThat(PushRecorder.to("pam")).isEmpty();
        }
    }

    @Test
    void thePushFrequencyAllowsOnePushPerIntervalPerChannel() throws Exception {
        create("freq", "tom", "uma");
        assertThat(api.post("/ultragroup/push/frequency/set.json", "groupId", "freq", "interval", "3600").code())
                .isEqualTo(200);
        try (Device tom = Device.connect(server, "tom")) {
            tom.send("freq", "1");
            tom.send("freq", "2");
            tom.send("freq", "3");
            tom.sendContent("freq", "{\"content\":\"@uma\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"uma\"]}}");
            // one push thread works in commit order: once the mention's push is in, the others were decided
            await().atMost(WAIT).until(() -> PushRecorder.to("uma").size() == 2);
            assertThat(PushRecorder.to("uma")).extracting(p -> p.mentioned()).containsExactly(false, true);
            assertThat(PushRecorder.to("uma").get(0).message().content()).contains("1");
        }
    }

    @Test
    void aMessagePublishedWithDisablePushAsksForNoPushEvenForAMention() throws Exception {
        create("hush", "vic", "wen");
        String mention = "{\\\"content\\\":\\\"@wen\\\",\\\"mentionedInfo\\\":{\\\"type\\\":2,\\\"userIdList\\\":[\\\"wen\\\"]}}";
        assertThat(postJson("/message/ultragroup/publish.json", "{\"fromUserId\":\"vic\",\"toGroupIds\":[\"hush\"],"
                + "\"objectName\":\"RC:TxtMsg\",\"content\":\"" + mention + "\",\"disablePush\":true}")).isEqualTo(200);
        assertThat(postJson("/message/ultragroup/publish.json", "{\"fromUserId\":\"vic\",\"toGroupIds\":[\"hush\"],"
                + "\"objectName\":\"RC:TxtMsg\",\"content\":\"" + mention + "\"}")).isEqualTo(200);
        // one push thread works in commit order: once the second message's push is in, the first was decided
        await().atMost(WAIT).until(() -> PushRecorder.to("wen").size() == 1);
        assertThat(PushRecorder.to("wen").get(0).message().disablePush()).isFalse();
        try (Device wen = Device.connect(server, "wen")) {
            assertThat(wen.history("hush")).hasSize(2);
        }
    }

    @Test
    void expansionWorksOnChannelMessagesFromTheServerApiAndFromMembers() throws Exception {
        create("ext", "wes", "xia");
        channel("ext", "votes", 0);
        try (Device wes = Device.connect(server, "wes"); Device xia = Device.connect(server, "xia")) {
            SendResult poll = wes.send("ext:votes", "poll");
            assertThat(api.post("/ultragroup/message/expansion/set.json", "msgUID", poll.messageUid(), "userId", "wes",
                    "groupId", "ext", "busChannel", "votes", "extraKeyVal", "{\"yes\":\"1\"}").code()).isEqualTo(200);
            xia.command("message.expansion.set", Map.of("conversationType", 10, "targetId", "ext:votes",
                    "messageUid", poll.messageUid(), "values", Map.of("no", "1")));
            ServerApiClient.Answer query = api.post("/ultragroup/message/expansion/query.json", "msgUID",
                    poll.messageUid(), "groupId", "ext", "busChannel", "votes");
            assertThat(query.body().get("extraContent").get("yes").get("v").asText()).isEqualTo("1");
            assertThat(query.body().get("extraContent").get("no").get("ts").isNumber()).isTrue();
            // the changes are written into the channel, so every member's devices learn them
            assertThat(xia.history("ext:votes")).extracting(m -> m.get("objectName"))
                    .containsExactly("RC:TxtMsg", "Parley:ExpansionChange", "Parley:ExpansionChange");
        }
        try (Device yan = Device.connect(server, "yan")) {
            assertThat(yan.commandError("message.expansion.query", Map.of("conversationType", 10,
                    "targetId", "ext:votes", "messageUid", "nope"))).isNotZero();
        }
    }

    @Test
    void typingReachesOnlyTheMembersLookingAtTheChannelAndIsNotStored() throws Exception {
        create("typing", "abe", "bea", "cal");
        try (Device abe = Device.connect(server, "abe"); Device bea = Device.connect(server, "bea");
                Device cal = Device.connect(server, "cal")) {
            bea.command("ultragroup.subscribe", Map.of("targetId", "typing"));
            SendResult typing = abe.client.send(io.parley.api.model.ConversationType.ULTRA_GROUP, "typing",
                    "RC:TypSts", "{\"typingContentType\":\"RC:TxtMsg\"}").join();
            assertThat(typing.seq()).isZero();
            await().atMost(WAIT).until(() -> bea.messages.stream().anyMatch(ReceivedMessage::isStatusMessage));
            abe.send("typing", "done typing");
            await().atMost(WAIT).until(() -> cal.events(LocalDelivery.EVENT_MESSAGE).size() == 1);
            assertThat(cal.messages).isEmpty();
            assertThat(cal.history("typing")).extracting(m -> m.get("objectName")).containsExactly("RC:TxtMsg");
        }
    }
}
