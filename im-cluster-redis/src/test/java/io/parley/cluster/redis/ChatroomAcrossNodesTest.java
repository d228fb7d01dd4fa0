package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
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
 * One chatroom whose members sit on three nodes: a room created through one node's server API is joinable on the
 * others, its messages sent on every node at once get one seq sequence across nodes and reach every member once,
 * in that order, and its destruction on one node reaches the members on the others.
 */
class ChatroomAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PER_SENDER = 15;

    @TempDir
    Path dataDir;

    ClusterOfNodes cluster;
    final List<ImClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // without auto-create, a join on a node succeeds only for a room that exists there
        cluster = new ClusterOfNodes(dataDir, 3, "chatroom.auto-create", "false");
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aRoomCreatedOnOneNodeCarriesMessagesFromEveryNodeToEveryMemberOnceInOneOrder() {
        assertThat(cluster.node(2).serverApi().post("/chatroom/get.json", "chatroomId", "lobby").code())
                .as("no such room yet").isEqualTo(23410);
        ok(cluster.node(1).serverApi().post("/chatroom/create_new.json", "chatroomId", "lobby"));
        List<Member> members = List.of(new Member(cluster.node(1), "amy"), new Member(cluster.node(2), "ben"),
                new Member(cluster.node(3), "cal"));
        for (Member member : members) {
            assertThat(member.client.command("chatroom.join", Map.of("roomId", "lobby")).join())
                    .as("%s joins on its own node", member.userId).isNotNull();
        }

        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < PER_SENDER; i++) {
            for (Member member : members) {
                sends.add(member.client.send(ConversationType.CHATROOM, "lobby", "RC:TxtMsg",
                        "{\"content\":\"" + member.userId + " #" + i + "\"}"));
            }
        }
        List<SendResult> sent = sends.stream().map(CompletableFuture::join).toList();
        int total = PER_SENDER * members.size();
        assertThat(sent).extracting(SendResult::seq).as("one seq sequence across the three nodes")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());

        int fromOthers = total - PER_SENDER;
        await().atMost(WAIT).until(() -> members.stream().allMatch(member -> member.received.size() >= fromOthers));
        for (Member member : members) {
            List<Long> seqs = member.received.stream().map(ReceivedMessage::seq).toList();
            assertThat(seqs).as("%s gets the room's messages in the room's order, once each", member.userId)
                    .isSorted().doesNotHaveDuplicates().hasSize(fromOthers);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                if (i % members.size() != members.indexOf(member)) {
                    expected.add(sent.get(i).messageUid());
                }
            }
            assertThat(member.received).extracting(ReceivedMessage::messageUid)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aRoomDestroyedOnOneNodeIsGoneForItsMembersOnEveryNode() {
        ok(cluster.node(1).serverApi().post("/chatroom/create_new.json", "chatroomId", "brief"));
        Member ben = new Member(cluster.node(2), "ben");
        Member cal = new Member(cluster.node(3), "cal");
        ben.client.command("chatroom.join", Map.of("roomId", "brief")).join();
        cal.client.command("chatroom.join", Map.of("roomId", "brief")).join();

        ok(cluster.node(1).serverApi().post("/chatroom/destroy.json", "chatroomId", "brief"));

        await().atMost(WAIT).until(() -> !ben.destroyed.isEmpty() && !cal.destroyed.isEmpty());
        assertThat(ben.destroyed).containsExactly("brief");
        assertThat(cal.destroyed).containsExactly("brief");
        Throwable refused = cal.client.command("chatroom.join", Map.of("roomId", "brief"))
                .handle((joined, failure) -> failure).join();
        assertThat(refused).as("the room is gone on node 3 too").isInstanceOf(ImClientException.class);
        assertThat(((ImClientException) refused).code()).as("chatroom does not exist").isEqualTo(23410);
    }

    @Test
    void gagsAndARoomMuteSetThroughOneNodeHoldOnEveryNode() {
        ok(cluster.node(1).serverApi().post("/chatroom/create_new.json", "chatroomId", "hall"));
        // gagged before node 2 has loaded the room: node 2 finds the gag in the shared store
        ok(cluster.node(1).serverApi().post("/chatroom/user/gag/add.json", "chatroomId", "hall", "userId", "ben",
                "minute", "5"));
        Member ben = new Member(cluster.node(2), "ben");
        Member cal = new Member(cluster.node(3), "cal");
        ben.client.command("chatroom.join", Map.of("roomId", "hall")).join();
        cal.client.command("chatroom.join", Map.of("roomId", "hall")).join();
        assertThat(refusal(ben)).as("ben is gagged on node 2 too").isEqualTo(23408);
        assertThat(cal.send("hall", "cal may speak").seq()).isPositive();

        // muted while node 3 has the room loaded: node 3 hears of it, and with needNotify the members on nodes 2
        // and 3 are told (RongCloud's ChatRoomMemberBanEvent, banType 3: mute all)
        ok(cluster.node(1).serverApi().post("/chatroom/ban/add.json", "chatroomId", "hall", "needNotify", "true"));
        await().atMost(WAIT).until(() -> refusal(cal) == 23408);
        await().atMost(WAIT).until(() -> !ben.bans.isEmpty() && !cal.bans.isEmpty());
        assertThat(ben.bans).containsExactly(Map.of("chatroomId", "hall", "banType", 3));
        assertThat(cal.bans).containsExactly(Map.of("chatroomId", "hall", "banType", 3));

        ok(cluster.node(2).serverApi().post("/chatroom/ban/rollback.json", "chatroomId", "hall"));
        ok(cluster.node(2).serverApi().post("/chatroom/user/gag/rollback.json", "chatroomId", "hall", "userId",
                "ben"));
        await().atMost(WAIT).until(() -> refusal(cal) == 0);
        assertThat(refusal(ben)).as("ungagged on the node ben is on").isZero();
    }

    /** The error a member's message to the hall is refused with, 0 when it is sent. */
    private static int refusal(Member member) {
        return member.client.send(ConversationType.CHATROOM, "hall", "RC:TxtMsg", "{\"content\":\"hello\"}")
                .handle((sent, failure) -> failure == null ? 0 : ((ImClientException) failure).code()).join();
    }

    private static void ok(ServerApiClient.Answer answer) {
        assertThat(answer.code()).as("answer %s", answer.body()).isEqualTo(200);
    }

    /**
     * A user connected to one node, with the room messages from others, the rooms destroyed it was told of, and the
     * ban notices it got (their room and type).
     */
    private final class Member {
        final String userId;
        final ImClient client;
        final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        final List<String> destroyed = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> bans = new CopyOnWriteArrayList<>();

        Member(EmbeddedParley node, String userId) {
            this.userId = userId;
            this.client = node.client(userId, userId + "-phone", "Android").build();
            clients.add(client);
            client.addMessageListener(message -> {
                if (message.conversationType() == ConversationType.CHATROOM && !message.fromUserId().equals(userId)) {
                    received.add(message);
                }
            });
            client.addEventListener((name, body) -> {
                if (name.equals("chatroom.destroyed")) {
                    destroyed.add(String.valueOf(body.get("roomId")));
                } else if (name.equals("chatroom.ban")) {
                    bans.add(Map.of("chatroomId", body.get("chatroomId"), "banType", body.get("banType")));
                }
            });
            client.connect().join();
        }

        SendResult send(String roomId, String text) {
            return client.send(ConversationType.CHATROOM, roomId, "RC:TxtMsg", "{\"content\":\"" + text + "\"}").join();
        }
    }
}
