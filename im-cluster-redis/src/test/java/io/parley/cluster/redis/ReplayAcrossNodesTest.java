package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.parley.testkit.ServerApiClient;
import io.parley.testkit.ServerApiClient.Answer;
import io.parley.testkit.ServerApiClient.Signing;
import io.parley.testkit.TcpProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed server-API request is served once by the whole cluster: the nodes remember its signature in Redis
 * ({@code SET <prefix>:once:… NX PX}) until its timestamp leaves the signature window, so the same request sent to
 * another node is refused with 1004. A node that cannot reach Redis cannot check a request, and refuses it with 503
 * rather than serve what might be a replay.
 */
class ReplayAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    ClusterOfNodes cluster;
    TcpProxy proxy;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aRequestServedByOneNodeIsRefusedByTheOther() throws Exception {
        cluster = new ClusterOfNodes(dataDir, 2, "server-api.signature-max-skew", "2m");
        ServerApiClient node1 = cluster.node(1).serverApi();
        ServerApiClient node2 = cluster.node(2).serverApi();
        Signing signing = node1.sign(UUID.randomUUID().toString());

        Answer first = node1.postWith("/user/getToken.json", ServerApiClient.form("userId", "alice", "name", "Alice"),
                signing);
        Answer replayOnNode2 = node2.postWith("/user/getToken.json",
                ServerApiClient.form("userId", "alice", "name", "Mallory"), signing);

        assertThat(first.code()).isEqualTo(200);
        assertThat(replayOnNode2.status()).isEqualTo(401);
        assertThat(replayOnNode2.code()).isEqualTo(1004);
        assertThat(node2.post("/user/info.json", "userId", "alice").body().path("userName").asText())
                .isEqualTo("Alice");
        assertThat(node2.post("/user/getToken.json", "userId", "bob").code()).as("a fresh request to node 2")
                .isEqualTo(200);
        long ttlMillis = rememberedFor(signing);
        assertThat(ttlMillis).as("kept in Redis no longer than the request's timestamp stays in the 2m window")
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
    }

    @Test
    void aNodeThatCannotReachRedisRefusesServerApiCallsWith503UntilItCanAgain() throws Exception {
        TestServices.requireRedis();
        URI redis = URI.create(TestServices.REDIS_URI);
        proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort()).start();
        cluster = new ClusterOfNodes(dataDir, List.of("redis://127.0.0.1:" + proxy.port(), TestServices.REDIS_URI));
        ServerApiClient node1 = cluster.node(1).serverApi();
        assertThat(node1.post("/user/getToken.json", "userId", "before").code()).isEqualTo(200);

        proxy.stop();
        Answer during = node1.post("/user/getToken.json", "userId", "during");

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.code()).isEqualTo(31003);
        assertThat(cluster.node(1).server().meterRegistry().get("im.server_api.nonces.refused")
                .tag("reason", "unavailable").counter().count()).isGreaterThanOrEqualTo(1);

        proxy.start();
        await().atMost(WAIT).until(() -> node1.post("/user/getToken.json", "userId", "after").code() == 200);
    }

    /** How long Redis still keeps the request signed by {@code signing}, in milliseconds (negative when it does not). */
    private long rememberedFor(Signing signing) {
        RedisClient client = RedisClient.create(TestServices.REDIS_URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pttl(new RedisKeys(cluster.redisPrefix()).once("server-api-nonce:"
                    + signing.signature()));
        } finally {
            client.shutdown();
        }
    }
}
