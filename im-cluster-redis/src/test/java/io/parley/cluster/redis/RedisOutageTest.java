package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.TcpProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node 1 reaches Redis through a proxy the test cuts. While Redis is gone, node 1 still acks every message (they
 * are in PostgreSQL) but cannot hint node 2; once Redis is back, node 1 writes its users again, the next hint that
 * gets through shows bob's device a gap, and its SYNC brings every message of the outage: nothing lost, nothing
 * twice, in order.
 *
 * <p>What takes time after the proxy is back: each of node 1's three Redis connections (commands, publishing,
 * subscribing) reconnects on its own Lettuce schedule, whose delay doubles with every failed attempt during the
 * outage, up to 30 s. On a loaded machine the outage lasts longer, so the connections come back later, and not
 * together: the directory may be written again while the publishing connection is still away, and a hint sent then
 * is lost (hints are at most once). So the test waits for the outcome, bob having every message, sending one more
 * message each second it does not, and allows each wait two minutes.
 */
class RedisOutageTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    TcpProxy proxy;
    ClusterOfNodes cluster;
    final List<ImClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        if (cluster != null) {
            cluster.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void hintsLostWhileRedisIsDownAreRepairedBySync() throws Exception {
        TestServices.requireRedis();
        URI redis = URI.create(TestServices.REDIS_URI);
        proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort()).start();
        cluster = new ClusterOfNodes(dataDir, List.of("redis://127.0.0.1:" + proxy.port(), TestServices.REDIS_URI));
        ImClient alice = connect(cluster.node(1), "alice", new CopyOnWriteArrayList<>());
        List<ReceivedMessage> bob = new CopyOnWriteArrayList<>();
        connect(cluster.node(2), "bob", bob);

        List<String> sent = new CopyOnWriteArrayList<>(send(alice, 5));
        await().atMost(WAIT).until(() -> bob.size() >= 5);

        proxy.stop();
        sent.addAll(send(alice, 10));
        assertThat(sent).as("every send of the outage was acked").hasSize(15);
        assertThat(bob).as("no hint reached node 2 while node 1 had no Redis").hasSize(5);
        assertThat(cluster.node(1).server().meterRegistry().get("im.cluster.directory.failures").counter().count())
                .isGreaterThan(0);

        proxy.start();
        await().atMost(WAIT).until(() -> nodeListsUser(cluster.redisPrefix(), "n1", "alice"));
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (bob.size() >= sent.size()) {
                return true;
            }
            // a hint lost while node 1's publishing connection was still coming back: the next one repairs it
            sent.addAll(send(alice, 1));
            return false;
        });
        assertThat(sent).hasSizeGreaterThan(15);
        assertThat(bob).extracting(ReceivedMessage::inboxSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, sent.size()).boxed().toList());
        assertThat(bob).extracting(ReceivedMessage::messageUid).containsExactlyElementsOf(sent);
    }

    /** Whether Redis lists {@code nodeId} as alive and holding {@code userId}: the node has written its users again. */
    private static boolean nodeListsUser(String prefix, String nodeId, String userId) {
        RedisClient client = RedisClient.create(TestServices.REDIS_URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisKeys keys = new RedisKeys(prefix);
            return connection.sync().exists(keys.nodeAlive(nodeId)) > 0
                    && connection.sync().sismember(keys.userNodes(userId), nodeId);
        } finally {
            client.shutdown();
        }
    }

    private ImClient connect(EmbeddedParley node, String user, List<ReceivedMessage> inbox) {
        ImClient client = node.client(user, user + "-phone", "Android").build();
        client.addMessageListener(message -> {
            if (message.inboxSeq() > 0 && !message.fromUserId().equals(user)) {
                inbox.add(message);
            }
        });
        clients.add(client);
        client.connect().join();
        return client;
    }

    private static List<String> send(ImClient from, int count) {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SendResult result = from.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"#" + i + "\"}").join();
            uids.add(result.messageUid());
        }
        return uids;
    }
}
