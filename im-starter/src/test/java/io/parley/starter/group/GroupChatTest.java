package io.parley.starter.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.Result;
import io.rong.models.group.GroupMember;
import io.rong.models.group.GroupModel;
import io.rong.models.message.GroupMessage;
import io.rong.models.message.RecallMessage;
import io.rong.models.response.GroupUserQueryResult;
import io.rong.models.response.ResponseResult;
import io.rong.models.response.UserGroupQueryResult;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups end to end: RongCloud's server SDK manages them, real clients talk in them. */
class GroupChatTest {
    @TempDir
    Path dataDir;

    EmbeddedParley server;
    RongCloud rongCloud;
    final Map<String, ImClient> clients = new ConcurrentHashMap<>();
    final Map<String, List<ReceivedMessage>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir, "group.max-members", "5");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterEach
    void stop() {
        clients.values().forEach(ImClient::close);
        server.close();
    }

    private ImClient connect(String userId) {
        List<ReceivedMessage> inbox = received.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>());
        ImClient client = server.client(userId, userId + "-phone", "Android").build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        clients.put(userId, client);
        return client;
    }

    private List<ReceivedMessage> texts(String userId) {
        return received.getOrDefault(userId, List.of()).stream()
                .filter(message -> message.objectName().equals("RC:TxtMsg")).toList();
    }

    private static GroupModel group(String id, String name, String... members) {
        GroupMember[] array = new GroupMember[members.length];
        for (int i = 0; i < members.length; i++) {
            array[i] = new GroupMember().setId(members[i]);
        }
        return new GroupModel().setId(id).setName(name).setMembers(array);
    }

    private static int code(ImClientException error) {
        return error.code();
    }

    @Test
    void membersTalkNonMembersCannotAndMembershipChangesAreAnnounced() throws Exception {
        Result created = rongCloud.group.create(group("g1", "Hikers", "ann", "bob"));
        assertThat(created.getCode()).isEqualTo(200);
        ImClient ann = connect("ann");
        ImClient bob = connect("bob");
        ImClient eve = connect("eve");

        ann.sendGroup("g1", "RC:TxtMsg", "{\"content\":\"hello group\"}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("bob").size() == 1);
        assertThat(texts("bob").get(0).targetId()).isEqualTo("g1");
        assertThat(texts("bob").get(0).conversationType()).isEqualTo(ConversationType.GROUP);
        assertThat(texts("ann")).hasSize(1);

        assertThat(eve.sendGroup("g1", "RC:TxtMsg", "{\"content\":\"let me in\"}"))
                .failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(code(error)).isEqualTo(22406));

        // eve joins: she sees what comes after, not what came before, and everyone sees the notification
        assertThat(rongCloud.group.join(group("g1", "Hikers", "eve")).getCode()).isEqualTo(200);
        bob.sendGroup("g1", "RC:TxtMsg", "{\"content\":\"welcome eve\"}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("eve").size() == 1 && texts("ann").size() == 2);
        assertThat(texts("eve").get(0).content()).contains("welcome eve");
        assertThat(received.get("ann")).anySatisfy(message -> {
            assertThat(message.objectName()).isEqualTo("RC:GrpNtf");
            assertThat(message.content()).contains("\"operation\":\"Add\"").contains("eve");
        });
        assertThat(received.get("eve")).noneMatch(message -> message.content().contains("hello group"));
        Map<String, Object> evesHistory = clients.get("eve").command("history.query",
                Map.of("conversationType", 3, "targetId", "g1")).join();
        assertThat(evesHistory.get("messages").toString()).contains("welcome eve").doesNotContain("hello group");
        assertThat(clients.get("ann").command("history.query", Map.of("conversationType", 3, "targetId", "g1"))
                .join().get("messages").toString()).contains("hello group");
        assertThat(connect("zed").command("history.query", Map.of("conversationType", 3, "targetId", "g1")))
                .failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(code(error)).isEqualTo(22406));

        GroupUserQueryResult members = rongCloud.group.get(new GroupModel().setId("g1"));
        assertThat(members.getMembers()).extracting(member -> member.getId()).containsExactly("ann", "bob", "eve");
        UserGroupQueryResult groups = rongCloud.user.getGroups(new UserModel().setId("eve"));
        assertThat(groups.getGroups()).extracting(GroupModel::getId).containsExactly("g1");

        assertThat(rongCloud.group.quit(group("g1", "Hikers", "bob")).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get("bob").stream()
                .anyMatch(message -> message.content().contains("\"operation\":\"Quit\"")));
        assertThat(bob.sendGroup("g1", "RC:TxtMsg", "{}")).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause().isInstanceOf(ImClientException.class);
    }

    @Test
    void theMemberLimitRefusesAJoinWithHttp405() throws Exception {
        assertThat(rongCloud.group.create(group("small", "Small", "a1", "a2", "a3", "a4")).getCode()).isEqualTo(200);
        var answer = server.serverApi().post("/group/join.json", "groupId", "small", "userId", "a5", "userId", "a6");
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.code()).isEqualTo(22410);
        assertThat(rongCloud.group.get(new GroupModel().setId("small")).getMembers()).hasSize(4);
    }

    @Test
    void gagsAndGroupBansRejectWithAClearCodeAndDeliverNothing() throws Exception {
        rongCloud.group.create(group("g2", "Quiet", "ann", "bob", "cid"));
        ImClient ann = connect("ann");
        ImClient bob = connect("bob");
        connect("cid");

        GroupModel gag = new GroupModel().setId("g2").setMembers(new GroupMember[] {new GroupMember().setId("ann")})
                .setMinute(5);
        assertThat(rongCloud.group.gag.add(gag).getCode()).isEqualTo(200);
        assertThat(ann.sendGroup("g2", "RC:TxtMsg", "{\"content\":\"gagged\"}")).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(code(error)).isEqualTo(22408));
        assertThat(rongCloud.group.gag.getList("g2").toString()).contains("ann");
        assertThat(rongCloud.group.gag.remove(gag).getCode()).isEqualTo(200);
        ann.sendGroup("g2", "RC:TxtMsg", "{\"content\":\"free again\"}").join();

        assertThat(rongCloud.group.ban.add(new String[] {"g2"}).getCode()).isEqualTo(200);
        assertThat(bob.sendGroup("g2", "RC:TxtMsg", "{}")).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(code(error)).isEqualTo(22408));
        rongCloud.group.ban.whitelist.user.add(new GroupModel().setId("g2")
                .setMembers(new GroupMember[] {new GroupMember().setId("bob")}));
        bob.sendGroup("g2", "RC:TxtMsg", "{\"content\":\"whitelisted\"}").join();
        assertThat(ann.sendGroup("g2", "RC:TxtMsg", "{}")).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause().isInstanceOf(ImClientException.class);
        rongCloud.group.ban.remove(new String[] {"g2"});

        var globalGag = server.serverApi().post("/group/user/gag/add.json", "userId", "cid", "minute", "10");
        assertThat(globalGag.code()).isEqualTo(200);
        assertThat(clients.get("cid").sendGroup("g2", "RC:TxtMsg", "{}")).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(code(error)).isEqualTo(22408));

        await().atMost(Duration.ofSeconds(10)).until(() -> texts("cid").size() == 2);
        assertThat(texts("cid")).extracting(ReceivedMessage::content)
                .containsExactly("{\"content\":\"free again\"}", "{\"content\":\"whitelisted\"}");
    }

    @Test
    void theServerApiPublishesToSeveralGroupsAndToChosenMembers() throws Exception {
        rongCloud.group.create(group("ga", "A", "ann", "bob"));
        rongCloud.group.create(group("gb", "B", "ann", "cid"));
        connect("ann");
        connect("bob");
        connect("cid");
        GroupMessage both = new GroupMessage().setSenderId("bot").setTargetId(new String[] {"ga", "gb"})
                .setObjectName("RC:TxtMsg").setContent(new TxtMessage("to both groups", ""));
        ResponseResult sent = rongCloud.message.group.send(both);
        assertThat(sent.getCode()).isEqualTo(200);
        GroupMessage directed = new GroupMessage().setSenderId("bot").setTargetId(new String[] {"ga"})
                .setToUserId(new String[] {"bob"}).setObjectName("RC:TxtMsg")
                .setContent(new TxtMessage("only for bob", ""));
        assertThat(rongCloud.message.group.sendDirection(directed).getCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> texts("ann").size() == 2 && texts("bob").size() == 2
                && texts("cid").size() == 1);
        assertThat(texts("ann")).extracting(ReceivedMessage::targetId).containsExactlyInAnyOrder("ga", "gb");
        assertThat(texts("bob").get(1).content()).contains("only for bob");
        // a directed message goes to its recipients' inboxes, in order: once a later one directed at ann has reached
        // her, one wrongly given to her would have reached her before it
        GroupMessage forAnn = new GroupMessage().setSenderId("bot").setTargetId(new String[] {"ga"})
                .setToUserId(new String[] {"ann"}).setObjectName("RC:TxtMsg")
                .setContent(new TxtMessage("only for ann", ""));
        assertThat(rongCloud.message.group.sendDirection(forAnn).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("ann").stream()
                .anyMatch(message -> message.content().contains("only for ann")));
        assertThat(texts("ann")).noneMatch(message -> message.content().contains("only for bob"));

        // a directed message is kept apart from the group's log, and is still found as one of the group's
        ReceivedMessage onlyForBob = texts("bob").get(1);
        RecallMessage recall = new RecallMessage().setSenderId("bot").setTargetId("ga")
                .setuId(onlyForBob.messageUid()).setSentTime(Long.toString(onlyForBob.sentTime())).setIsAdmin(1);
        assertThat(rongCloud.message.group.recall(recall).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get("bob").stream()
                .anyMatch(message -> message.objectName().equals("RC:RcCmd")
                        && message.content().contains(onlyForBob.messageUid())));
    }

    @Test
    void syncRefreshAndGroupStatusMessagesWorkThroughTheSdk() throws Exception {
        rongCloud.group.create(group("old", "Old", "ann"));
        io.rong.models.group.UserGroup memberships = new io.rong.models.group.UserGroup().setId("ann")
                .setGroups(new GroupModel[] {new GroupModel().setId("gx").setName("X"),
                        new GroupModel().setId("gy").setName("Y")});
        assertThat(rongCloud.group.sync(memberships).getCode()).isEqualTo(200);
        assertThat(rongCloud.user.getGroups(new UserModel().setId("ann")).getGroups()).extracting(GroupModel::getId)
                .containsExactly("gx", "gy");
        assertThat(rongCloud.group.update(new GroupModel().setId("gx").setName("X renamed")).getCode()).isEqualTo(200);
        assertThat(rongCloud.user.getGroups(new UserModel().setId("ann")).getGroups()).extracting(GroupModel::getName)
                .contains("X renamed");

        rongCloud.group.join(group("gx", "X renamed", "bob"));
        ImClient bob = connect("bob");
        io.rong.models.message.GroupStatusMessage typing = new io.rong.models.message.GroupStatusMessage()
                .setSenderId("ann").setGroupId(new String[] {"gx"}).setObjectName("RC:TypSts")
                .setContent(new TxtMessage("typing", ""));
        assertThat(rongCloud.message.group.sendStatusMessage(typing).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get("bob").stream()
                .anyMatch(message -> message.objectName().equals("RC:TypSts") && message.isStatusMessage()));
        ImClient late = connect("ann");
        // status messages are never stored: a device connecting afterwards does not get it by sync. A stored
        // message sent after it reaches that device in order, so once it is there the sync has passed the status.
        bob.sendGroup("gx", "RC:TxtMsg", "{\"content\":\"after the status\"}").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("ann").stream()
                .anyMatch(message -> message.content().contains("after the status")));
        assertThat(received.get("ann")).noneMatch(message -> message.objectName().equals("RC:TypSts"));
        assertThat(late.userId()).contains("ann");
    }

    @Test
    void aMentionThroughTheSdkCountsForTheMentionedMemberOnly() throws Exception {
        rongCloud.group.create(group("gm", "Mentions", "ann", "bob", "cid"));
        ImClient bob = connect("bob");
        ImClient cid = connect("cid");
        io.rong.models.message.MentionMessage mention = new io.rong.models.message.MentionMessage()
                .setSenderId("ann").setTargetId(new String[] {"gm"}).setObjectName("RC:TxtMsg")
                .setContent(new io.rong.models.message.MentionMessageContent(new TxtMessage("@bob look", ""),
                        new io.rong.models.message.MentionedInfo(2, new String[] {"bob"}, "")));
        assertThat(rongCloud.message.group.sendMention(mention).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> texts("bob").size() == 1 && texts("cid").size() == 1);
        assertThat(bob.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("targetId=gm").contains("mentionCount=1");
        assertThat(cid.command("conversation.list", Map.of()).join().get("conversations").toString())
                .contains("targetId=gm").contains("mentionCount=0");
    }

    @Test
    void dismissAnnouncesAndEndsTheGroup() throws Exception {
        rongCloud.group.create(group("gd", "Doomed", "ann", "bob"));
        connect("ann");
        ImClient bob = connect("bob");
        assertThat(rongCloud.group.dismiss(new GroupModel().setId("gd")
                .setMembers(new GroupMember[] {new GroupMember().setId("ann")})).getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get("bob").stream()
                .anyMatch(message -> message.content().contains("\"operation\":\"Dismiss\"")));
        assertThat(bob.sendGroup("gd", "RC:TxtMsg", "{}")).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, error -> assertThat(code(error)).isEqualTo(22406));
        assertThat(rongCloud.group.get(new GroupModel().setId("gd")).getMembers()).isEmpty();
    }

    @Test
    void withHistoryBeforeJoiningOnANewMemberReadsWhatCameBeforeAndWithNotificationsOffNoneIsWritten() throws Exception {
        try (EmbeddedParley open = EmbeddedParley.start(dataDir.resolve("open"), "group.history-before-join", "true",
                "group.notifications", "false")) {
            RongCloud api = RongCloud.getInstance(open.appKey(), open.appSecret(), open.baseUrl());
            assertThat(api.group.create(group("go", "Open", "ann")).getCode()).isEqualTo(200);
            ImClient ann = open.client("ann", "ann-phone", "Android").build();
            ImClient eve = open.client("eve", "eve-phone", "Android").build();
            try {
                ann.connect().join();
                ann.sendGroup("go", "RC:TxtMsg", "{\"content\":\"before you came\"}").join();
                assertThat(api.group.join(group("go", "Open", "eve")).getCode()).isEqualTo(200);
                eve.connect().join();

                String history = eve.command("history.query", Map.of("conversationType", 3, "targetId", "go")).join()
                        .get("messages").toString();
                assertThat(history).contains("before you came").doesNotContain("RC:GrpNtf");
                assertThat(eve.command("conversation.list", Map.of()).join().get("conversations").toString())
                        .contains("targetId=go").contains("before you came");
                assertThat(eve.command("group.info", Map.of("groupIds", List.of("go", "elsewhere"))).join()
                        .get("groups")).isEqualTo(List.of(Map.of("groupId", "go", "name", "Open", "memberCount", 2)));
            } finally {
                ann.close();
                eve.close();
            }
        }
    }
}
