package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health checks of a node of a Redis cluster list every node heartbeating into the cluster's Redis with its last
 * heartbeat: the live ones green, a node that went silent red (here one that died without leaving, written as Redis
 * would hold it).
 */
class ClusterHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static Map<String, String> clusterLevels(String baseUrl) throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> levels = new LinkedHashMap<>();
        for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
            if (check.path("group").asText().equals("cluster")) {
                levels.put(check.path("name").asText(), check.path("level").asText());
            }
        }
        return levels;
    }

    @Test
    void everyNodeOfTheClusterIsListedWithItsHeartbeatAndASilentOneIsRed() throws Exception {
        try (ClusterOfNodes cluster = new ClusterOfNodes(dataDir, 2)) {
            String node1 = cluster.node(1).baseUrl();
            Map<String, String> levels = await().atMost(Duration.ofSeconds(60)).until(() -> clusterLevels(node1),
                    found -> found.containsKey("node n2"));
            assertThat(levels).containsEntry("this node", "green").containsEntry("node n1 (this node)", "green")
                    .containsEntry("node n2", "green");

            RedisClient client = RedisClient.create(RedisURI.create(TestServices.REDIS_URI));
            try (StatefulRedisConnection<String, String> redis = client.connect()) {
                redis.sync().hset(cluster.redisPrefix() + ":nodes", "n9",
                        String.valueOf(System.currentTimeMillis() - 60_000));
            } finally {
                client.shutdown();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clusterLevels(node1),
                    found -> "red".equals(found.get("node n9")) && "green".equals(found.get("node n2")));
        }
    }
}
