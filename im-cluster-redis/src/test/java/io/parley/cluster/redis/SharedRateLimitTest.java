package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moderation plugin's server-API limits hold per app and per endpoint: with two nodes, calls to both count
 * against one limit in Redis, so the cluster as a whole accepts the endpoint's limit and refuses the rest with 1008
 * (HTTP 429), instead of each node accepting the limit on its own; and each endpoint has its own budget there.
 */
class SharedRateLimitTest {
    @TempDir
    Path dataDir;

    ClusterOfNodes cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void callsToBothNodesShareEachEndpointsLimit() throws Exception {
        cluster = new ClusterOfNodes(dataDir, 2, "moderation.rate.server-api.group.create", "5/1m",
                "moderation.rate.server-api.group.user.query", "3/1m");
        List<ServerApiClient> apis = List.of(cluster.node(1).serverApi(), cluster.node(2).serverApi());
        List<Integer> node1Answers = new ArrayList<>();
        List<Integer> node2Answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ServerApiClient.Answer answer = apis.get(i % 2).post("/group/create.json", "groupId", "g" + i,
                    "groupName", "G" + i, "userId", "alice");
            (i % 2 == 0 ? node1Answers : node2Answers).add(answer.status());
        }

        List<Integer> all = new ArrayList<>(node1Answers);
        all.addAll(node2Answers);
        assertThat(all).filteredOn(status -> status == 200).as("the cluster accepts the limit once").hasSize(5);
        assertThat(all).filteredOn(status -> status == 429).hasSize(7);
        assertThat(node2Answers).as("node 2 refuses once the calls to node 1 and 2 together reach the limit")
                .containsSequence(200, 200, 429);

        List<ServerApiClient.Answer> queries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queries.add(apis.get(i % 2).post("/group/user/query.json", "groupId", "g0"));
        }
        assertThat(queries).extracting(ServerApiClient.Answer::status).as("member queries: a budget of their own, "
                + "untouched by the refused creations, shared by both nodes").containsExactly(200, 200, 200, 429, 429, 429);
        assertThat(queries.get(3).body().path("errorMessage").asText())
                .isEqualTo("too many calls to /group/user/query.json: its limit is 3 per minute (3/1m); try again later");
    }
}
