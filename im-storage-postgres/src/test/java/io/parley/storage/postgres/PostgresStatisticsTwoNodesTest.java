package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.client.ImClient;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL schema, each counting its own statistics ({@code cluster.node-id} n1 and n2): either
 * serves both nodes' figures added up, never one overwriting the other, and a user connected to both, or given a
 * token by both, counts once.
 */
class PostgresStatisticsTwoNodesTest {
    private static final String TEXT = "RC:TxtMsg";

    @TempDir
    Path dataDir;

    String schema;
    final List<EmbeddedParley> nodes = new ArrayList<>();
    final List<ImClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        nodes.forEach(EmbeddedParley::close);
        PostgresTestDatabase.dropSchema(schema);
    }

    @Test
    void twoNodesFiguresAddUpAndAUserOnBothCountsOnce() {
        schema = PostgresTestDatabase.newSchema("stats");
        EmbeddedParley n1 = node("n1");
        EmbeddedParley n2 = node("n2");
        ImClient alice1 = connect(n1, "alice", "alice-phone", "Android");
        connect(n1, "bob", "bob-phone", "iOS");
        connect(n2, "alice", "alice-desk", "PC");
        ImClient carol = connect(n2, "carol", "carol-phone", "iOS");
        for (int i = 0; i < 2; i++) {
            alice1.sendPrivate("bob", TEXT, "{\"content\":\"from n1\"}").join();
        }
        for (int i = 0; i < 3; i++) {
            carol.sendPrivate("alice", TEXT, "{\"content\":\"from n2\"}").join();
        }

        for (EmbeddedParley node : nodes) {
            JsonNode hour = await().atMost(Duration.ofSeconds(60)).until(() -> thisHour(node.serverApi()),
                    period -> period.path("messages").asLong() == 5 && period.path("activeUsers").asLong() == 3);
            assertThat(hour.path("messagesByType").path(TEXT).asLong()).isEqualTo(5);
            assertThat(hour.path("newUsers").asLong()).as("alice's tokens from both nodes make one user").isEqualTo(3);
            assertThat(hour.path("peakConnections").asLong()).as("two sessions on each node").isEqualTo(4);
            assertThat(hour.path("serverApiCallsByEndpoint").path("/user/getToken.json:200").asLong()).isEqualTo(4);
        }
        try (var connection = PostgresTestDatabase.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\".metadata WHERE namespace ="
                        + " 'kernel.statistics' AND key LIKE 'h:%'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("one row of the hour per node").isEqualTo(2);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private EmbeddedParley node(String id) {
        EmbeddedParley node = EmbeddedParley.start(dataDir.resolve(id), "storage.provider", "postgres",
                "storage.postgres.url", PostgresTestDatabase.URL,
                "storage.postgres.user", PostgresTestDatabase.USER,
                "storage.postgres.password", PostgresTestDatabase.PASSWORD,
                "storage.postgres.schema", schema,
                "cluster.node-id", id, "statistics.flush-interval", "200ms");
        nodes.add(node);
        return node;
    }

    private ImClient connect(EmbeddedParley node, String userId, String deviceId, String platform) {
        ImClient client = node.client(userId, deviceId, platform).build();
        clients.add(client);
        client.connect().join();
        return client;
    }

    private static JsonNode thisHour(ServerApiClient api) {
        long now = System.currentTimeMillis();
        ServerApiClient.Answer answer = api.post("/statistics/query.json", "granularity", "hour", "from",
                String.valueOf(now - 60_000), "to", String.valueOf(now + 1));
        assertThat(answer.code()).as(answer.body().toString()).isEqualTo(200);
        JsonNode periods = answer.body().path("periods");
        return periods.get(periods.size() - 1);
    }
}
