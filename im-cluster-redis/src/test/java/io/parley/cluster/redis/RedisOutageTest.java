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
 * are in PostgreSQL) but cannot hint node 2; once Redis is back, node 1 writes its users again, the next hint shows
 * bob's device a gap, and its SYNC brings every message of the outage: nothing lost, nothing twice, in order.
 */
class RedisOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

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

        List<String> sent = new ArrayList<>(send(alice, 5));
        await().atMost(WAIT).until(() -> bob.size() >= 5);

        proxy.stop();
        sent.addAll(send(alice, 10));
        assertThat(sent).as("every send of the outage was acked").hasSize(15);
        assertThat(bob).as("no hint reached node 2 while node 1 had no Redis").hasSize(5);
        assertThat(cluster.node(1).server().meterRegistry().get("im.cluster.directory.failures").counter().count())
                .isGreaterThan(0);

        proxy.start();
        await().atMost(WAIT).until(() -> nodeListsUser(cluster.redisPrefix(), "n1", "alice"));
        sent.addAll(send(alice, 1));
        await().atMost(WAIT).until(() -> bob.size() >= 16);
        assertThat(bob).extracting(ReceivedMessage::inboxSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 16).boxed().toList());
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
