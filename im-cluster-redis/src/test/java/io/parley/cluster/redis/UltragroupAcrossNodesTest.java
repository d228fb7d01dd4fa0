package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.event.PushRequested;
import io.parley.api.model.ConversationType;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.ultragroup.UltragroupClient;
import io.parley.client.ultragroup.UltragroupListener;
import io.parley.client.ultragroup.UltragroupNotice;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ultragroup whose members sit on three nodes, seen through the client SDK's ultragroup helper: a device that
 * subscribed to a channel on one node gets the channel's messages sent on another, once each and in seq order; the
 * other members get the notices on whichever node they are, including a member that joined through another node's
 * server API while connected; and only the member online on no node is offered a push.
 */
class UltragroupAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int COUNT = 20;

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
    void channelMessagesAndNoticesReachMembersOnEveryNodeOnceAndInOrder() {
        ServerApiClient api = cluster.node(1).serverApi();
        ok(api.post("/ultragroup/create.json", "groupId", "guild", "userId", "amy", "groupName", "Guild"));
        for (String member : List.of("ben", "cal", "eve")) {
            ok(api.post("/ultragroup/join.json", "groupId", "guild", "userId", member));
        }
        ok(api.post("/ultragroup/channel/create.json", "groupId", "guild", "busChannel", "talk", "type", "0"));
        ImClient amy = connect(cluster.node(1), "amy", new Seen());
        Seen ben = new Seen();
        UltragroupClient benGroups = new UltragroupClient(connect(cluster.node(2), "ben", ben));
        assertThat(benGroups.subscribe("guild:talk").join()).isZero();
        Seen cal = new Seen();
        connect(cluster.node(3), "cal", cal);
        Seen dan = new Seen();
        connect(cluster.node(3), "dan", dan);
        // dan joins through node 2's server API while connected to node 3
        ok(cluster.node(2).serverApi().post("/ultragroup/join.json", "groupId", "guild", "userId", "dan"));

        // until every node tracks its members (presence and the join on node 2 reach them asynchronously)
        List<Long> probes = new CopyOnWriteArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            probes.add(send(amy, "probe"));
            assertThat(ben.messages).as("ben's subscribed device on node 2").isNotEmpty();
            assertThat(cal.notices).as("cal on node 3").isNotEmpty();
            assertThat(dan.notices).as("dan on node 3, joined through node 2").isNotEmpty();
        });
        long firstSeq = probes.get(probes.size() - 1) + 1;
        for (int i = 0; i < COUNT; i++) {
            send(amy, "#" + i);
        }
        long lastSeq = firstSeq + COUNT - 1;
        List<Long> expected = LongStream.rangeClosed(firstSeq, lastSeq).boxed().toList();

        await().atMost(WAIT).until(() -> last(ben.messages.stream().map(ReceivedMessage::seq).toList()) >= lastSeq
                && last(seqs(cal)) >= lastSeq && last(seqs(dan)) >= lastSeq);
        List<Long> benSeqs = ben.messages.stream().map(ReceivedMessage::seq).toList();
        assertThat(benSeqs).as("ben's subscribed device on node 2 gets each message once, in seq order")
                .isSorted().doesNotHaveDuplicates();
        assertThat(benSeqs.stream().filter(seq -> seq >= firstSeq).toList()).containsExactlyElementsOf(expected);
        assertThat(ben.notices).as("a subscribed device gets the messages, not notices").isEmpty();
        for (Seen member : List.of(cal, dan)) {
            assertThat(seqs(member)).as("a member on node 3 gets a notice of each message once, in seq order")
                    .isSorted().doesNotHaveDuplicates();
            assertThat(seqs(member).stream().filter(seq -> seq >= firstSeq).toList())
                    .containsExactlyElementsOf(expected);
            assertThat(member.notices).extracting(UltragroupNotice::targetId).containsOnly("guild:talk");
        }

        List<PushRequested> pushes = PushRecorderPlugin.requests(cluster.node(1).appKey(), "n1");
        await().atMost(WAIT).until(() -> !pushes.isEmpty());
        assertThat(pushes).extracting(PushRequested::recipient).as("only eve is online on no node").containsOnly("eve");
    }

    private ImClient connect(EmbeddedParley node, String user, Seen seen) {
        ImClient client = node.client(user, user + "-device", "Android").build();
        clients.add(client);
        new UltragroupClient(client).addListener(seen);
        client.connect().join();
        return client;
    }

    /** Sends a text to the channel and returns its seq. */
    private static long send(ImClient from, String text) {
        return from.send(ConversationType.ULTRA_GROUP, "guild:talk", "RC:TxtMsg", "{\"content\":\"" + text + "\"}")
                .join().seq();
    }

    private static List<Long> seqs(Seen seen) {
        return seen.notices.stream().map(UltragroupNotice::seq).toList();
    }

    private static long last(List<Long> seqs) {
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
    }

    private static void ok(ServerApiClient.Answer answer) {
        assertThat(answer.code()).as("answer %s", answer.body()).isEqualTo(200);
    }

    /** What one device's ultragroup helper told the app. */
    static final class Seen implements UltragroupListener {
        final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
        final List<UltragroupNotice> notices = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(ReceivedMessage message) {
            messages.add(message);
        }

        @Override
        public void onNotice(UltragroupNotice notice) {
            notices.add(notice);
        }
    }
}
