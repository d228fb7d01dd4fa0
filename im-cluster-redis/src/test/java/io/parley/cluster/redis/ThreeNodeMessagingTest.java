package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one PostgreSQL and one Redis, clients on different nodes, seen through the real client SDK over
 * TCP and RongCloud's server SDK: private and group messages arrive in real time, exactly once and in inbox order,
 * on every device of a user wherever it is connected; checkOnline on any node sees users on every node; and a user's
 * conversation-state events and a token expiry reach the user's devices on other nodes.
 */
class ThreeNodeMessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    ClusterOfNodes cluster;
    final List<ImClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterOfNodes(dataDir, 3);
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void privateAndGroupMessagesReachEveryDeviceOnEveryNodeOnceAndInOrder() {
        List<ReceivedMessage> aliceGroup = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> bobPhone = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> bobPhoneGroup = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> bobDesktop = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> bobDesktopGroup = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> carolGroup = new CopyOnWriteArrayList<>();
        ImClient alice = connect(cluster.node(1), "alice", "alice-phone", "Android", new CopyOnWriteArrayList<>(),
                aliceGroup);
        connect(cluster.node(2), "bob", "bob-phone", "iOS", bobPhone, bobPhoneGroup);
        connect(cluster.node(3), "bob", "bob-desktop", "PC", bobDesktop, bobDesktopGroup);
        ImClient carol = connect(cluster.node(3), "carol", "carol-phone", "Android", new CopyOnWriteArrayList<>(),
                carolGroup);
        assertThat(cluster.node(1).serverApi().post("/group/create.json", "groupId", "team", "groupName", "Team",
                "userId", "alice", "userId", "bob", "userId", "carol").code()).isEqualTo(200);

        List<SendResult> privateSent = send(alice, ConversationType.PRIVATE, "bob", 30);
        List<SendResult> fromAlice = send(alice, ConversationType.GROUP, "team", 15);
        List<SendResult> fromCarol = send(carol, ConversationType.GROUP, "team", 15);

        await().atMost(WAIT).until(() -> bobPhone.size() >= 30 && bobDesktop.size() >= 30
                && bobPhoneGroup.size() >= 30 && bobDesktopGroup.size() >= 30);
        for (List<ReceivedMessage> device : List.of(bobPhone, bobDesktop)) {
            assertThat(device).as("bob's devices on nodes 2 and 3 each get his inbox once, in order")
                    .extracting(ReceivedMessage::inboxSeq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
            assertThat(device).extracting(ReceivedMessage::messageUid).containsExactlyElementsOf(uids(privateSent));
        }
        for (List<ReceivedMessage> device : List.of(bobPhoneGroup, bobDesktopGroup)) {
            assertThat(device).as("and the group's messages once, in the group's order")
                    .extracting(ReceivedMessage::messageUid)
                    .containsExactlyInAnyOrderElementsOf(concat(uids(fromAlice), uids(fromCarol)));
            List<Long> seqs = device.stream().map(ReceivedMessage::seq).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        }
        await().atMost(WAIT).until(() -> aliceGroup.size() >= 15 && carolGroup.size() >= 15);
        assertThat(aliceGroup).extracting(ReceivedMessage::messageUid).containsExactlyElementsOf(uids(fromCarol));
        assertThat(carolGroup).extracting(ReceivedMessage::messageUid).containsExactlyElementsOf(uids(fromAlice));
        assertThat(cluster.node(2).server().meterRegistry().get("im.cluster.hints.received").counter().count())
                .as("node 2 heard of node 1's and node 3's messages over the bus").isGreaterThan(0);
    }

    @Test
    void onlyARecipientOnlineOnNoNodeIsOfferedAPush() {
        ImClient alice = connect(cluster.node(1), "alice", "alice-phone", "Android", new CopyOnWriteArrayList<>());
        List<ReceivedMessage> bobInbox = new CopyOnWriteArrayList<>();
        connect(cluster.node(2), "bob", "bob-phone", "iOS", bobInbox);

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"to bob, online on node 2\"}").join();
        SendResult toCarol = alice.sendPrivate("carol", "RC:TxtMsg", "{\"content\":\"to carol, offline\"}").join();

        var node1Pushes = PushRecorderPlugin.requests(cluster.node(1).appKey(), "n1");
        await().atMost(WAIT).until(() -> !node1Pushes.isEmpty() && bobInbox.size() >= 1);
        assertThat(node1Pushes).extracting(push -> push.recipient()).containsExactly("carol");
        assertThat(node1Pushes.get(0).message().messageUid()).isEqualTo(toCarol.messageUid());
    }

    @Test
    void checkOnlineOnAnyNodeSeesUsersOnEveryNode() throws Exception {
        RongCloud rongCloud = RongCloud.getInstance(cluster.node(3).appKey(), cluster.node(3).appSecret(),
                cluster.node(3).baseUrl());
        ImClient alice = connect(cluster.node(1), "alice", "alice-phone", "Android", new CopyOnWriteArrayList<>());
        await().atMost(WAIT).until(() -> onlineStatus(rongCloud, "alice").equals("1"));
        assertThat(onlineStatus(rongCloud, "nobody")).isEqualTo("0");

        alice.close();
        await().atMost(WAIT).until(() -> onlineStatus(rongCloud, "alice").equals("0"));
    }

    @Test
    void aUsersStateChangesAndATokenExpiryReachItsDevicesOnOtherNodes() {
        ImClient bobPhone = connect(cluster.node(2), "bob", "bob-phone", "iOS", new CopyOnWriteArrayList<>());
        ImClient bobDesktop = connect(cluster.node(3), "bob", "bob-desktop", "PC", new CopyOnWriteArrayList<>());
        List<Map<String, Object>> desktopEvents = new CopyOnWriteArrayList<>();
        bobDesktop.addEventListener((name, body) -> {
            if (name.equals("conversation.changed")) {
                desktopEvents.add(body);
            }
        });

        bobPhone.command("conversation.pin", Map.of("conversationType", 1, "targetId", "alice", "pinned", true))
                .join();
        await().atMost(WAIT).until(() -> !desktopEvents.isEmpty());
        assertThat(desktopEvents.get(0)).containsEntry("targetId", "alice").containsEntry("pinned", true);

        assertThat(cluster.node(1).serverApi().post("/user/token/expire.json", "userId", "bob", "time",
                String.valueOf(System.currentTimeMillis() + 60_000)).code()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bobPhone.status().isTerminal() && bobDesktop.status().isTerminal());
        // the SDK reports any KICKED frame as KICKED_OFFLINE_BY_OTHER_CLIENT
        assertThat(List.of(bobPhone.status(), bobDesktop.status())).as("kicked on nodes 2 and 3 by node 1")
                .containsOnly(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
    }

    @Test
    void aPrivateChatBanSetThroughOneNodeHoldsOnTheOthersAndSoDoesItsLift() {
        ImClient carolOnNode2 = connect(cluster.node(2), "carol", "carol-phone", "Android",
                new CopyOnWriteArrayList<>());
        ImClient carolOnNode3 = connect(cluster.node(3), "carol", "carol-desktop", "PC",
                new CopyOnWriteArrayList<>());
        assertThat(cluster.node(1).serverApi().post("/user/chat/fb/set.json", "userId", "carol", "state", "1",
                "type", "PERSON").code()).isEqualTo(200);

        // nodes 2 and 3 hear of the ban (a hint between nodes; their copies in memory answer each send)
        await().atMost(WAIT).until(() -> refusal(carolOnNode2) == 20106 && refusal(carolOnNode3) == 20106);

        assertThat(cluster.node(3).serverApi().post("/user/chat/fb/set.json", "userId", "carol", "state", "0",
                "type", "PERSON").code()).isEqualTo(200);
        await().atMost(WAIT).until(() -> refusal(carolOnNode2) == 0);
        assertThat(refusal(carolOnNode3)).as("lifted on the node that lifted it").isZero();
    }

    /** The error a private text to dave is refused with, 0 when it is sent. */
    private static int refusal(ImClient client) {
        return client.send(ConversationType.PRIVATE, "dave", "RC:TxtMsg", "{\"content\":\"hi\"}")
                .handle((sent, failure) -> failure == null ? 0 : ((ImClientException) failure).code()).join();
    }

    private static String onlineStatus(RongCloud rongCloud, String userId) throws Exception {
        var result = rongCloud.user.onlineStatus.check(new UserModel().setId(userId));
        assertThat(result.getCode()).as("checkOnline answers").isEqualTo(200);
        return result.getStatus();
    }

    private ImClient connect(EmbeddedParley node, String user, String device, String platform,
            List<ReceivedMessage> inbox) {
        return connect(node, user, device, platform, inbox, new CopyOnWriteArrayList<>());
    }

    /** A device collecting, apart, the inbox messages and the group texts that others sent. */
    private ImClient connect(EmbeddedParley node, String user, String device, String platform,
            List<ReceivedMessage> inbox, List<ReceivedMessage> groupTexts) {
        ImClient client = node.client(user, device, platform).build();
        client.addMessageListener(message -> {
            if (message.fromUserId().equals(user)) {
                return;
            }
            if (message.inboxSeq() > 0) {
                inbox.add(message);
            } else if (message.conversationType() == ConversationType.GROUP
                    && message.objectName().equals("RC:TxtMsg")) {
                groupTexts.add(message);
            }
        });
        clients.add(client);
        client.connect().join();
        return client;
    }

    private static List<SendResult> send(ImClient from, ConversationType type, String target, int count) {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(from.send(type, target, "RC:TxtMsg", "{\"content\":\"" + type + " #" + i + "\"}"));
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    private static List<String> uids(List<SendResult> sent) {
        return sent.stream().map(SendResult::messageUid).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
