package io.parley.plugin.routing;

import static io.parley.plugin.routing.RoutingTestSupport.connect;
import static io.parley.plugin.routing.RoutingTestSupport.metric;
import static io.parley.plugin.routing.RoutingTestSupport.routedUids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.parley.testkit.webhook.FakeAppServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events that outlive the retry window go to the dead-letter store; the server API lists and replays them. */
class DeadLetterApiTest {
    @TempDir
    Path dir;

    @AfterEach
    void awaitOutboxClosed() {
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void eventsPastTheRetryWindowAreDeadLetteredListedAndReplayed() throws Exception {
        try (FakeAppServer fake = FakeAppServer.start();
                EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"),
                        "routing.retry-initial", "50ms", "routing.retry-max", "200ms", "routing.retry-window", "1s");
                ImClient alice = connect(server, "alice", "Android")) {
            fake.goDown();
            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"" + i + "\"}").get());
            }
            ServerApiClient api = server.serverApi();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> api.post("/routing/deadletter/query.json").body().path("total").asLong() == 3);

            ServerApiClient.Answer page = api.post("/routing/deadletter/query.json", "kind", "message", "limit", "2");
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.body().path("deadLetters")).hasSize(2);
            JsonNode first = page.body().path("deadLetters").get(0);
            assertThat(first.path("kind").asText()).isEqualTo("message");
            assertThat(first.path("fields").path("msgUID").asText()).isEqualTo(sent.get(0).messageUid());
            assertThat(first.path("attempts").asInt()).isPositive();
            assertThat(first.path("lastError").asText()).isNotEmpty();
            ServerApiClient.Answer rest = api.post("/routing/deadletter/query.json", "afterId",
                    page.body().path("nextAfterId").asText());
            assertThat(rest.body().path("deadLetters")).hasSize(1);
            assertThat(rest.body().path("deadLetters").get(0).path("fields").path("msgUID").asText())
                    .isEqualTo(sent.get(2).messageUid());
            assertThat(metric(server, "im_routing_dead_lettered_total", "message")).isEqualTo(3.0);
            assertThat(api.post("/routing/deadletter/query.json", "kind", "presence").body().path("deadLetters")).isEmpty();

            assertThat(api.post("/routing/deadletter/replay.json", "id", "999999").code()).isEqualTo(42004);
            fake.comeBack();
            ServerApiClient.Answer replayed = api.post("/routing/deadletter/replay.json");
            assertThat(replayed.code()).isEqualTo(200);
            assertThat(replayed.body().path("replayed").asInt()).isEqualTo(3);

            await().atMost(Duration.ofSeconds(10)).until(() -> routedUids(fake.requests("/route")).size() >= 3);
            assertThat(routedUids(fake.requests("/route")))
                    .containsExactlyElementsOf(sent.stream().map(SendResult::messageUid).toList());
            assertThat(api.post("/routing/deadletter/query.json").body().path("total").asLong()).isZero();
        }
    }

    @Test
    void replayingChosenIdsLeavesTheOthersInTheStore() throws Exception {
        try (FakeAppServer fake = FakeAppServer.start();
                EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"),
                        "routing.retry-initial", "50ms", "routing.retry-max", "100ms", "routing.retry-window", "500ms");
                ImClient alice = connect(server, "alice", "Android")) {
            fake.goDown();
            SendResult toBob = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"b\"}").get();
            alice.sendPrivate("carol", "RC:TxtMsg", "{\"content\":\"c\"}").get();
            ServerApiClient api = server.serverApi();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.post("/routing/deadletter/query.json").body().path("total").asLong() == 2);
            String bobId = null;
            for (JsonNode letter : api.post("/routing/deadletter/query.json").body().path("deadLetters")) {
                if (letter.path("fields").path("toUserId").asText().equals("bob")) {
                    bobId = letter.path("id").asText();
                }
            }
            fake.comeBack();
            assertThat(api.post("/routing/deadletter/replay.json", "id", bobId).body().path("replayed").asInt())
                    .isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests("/route").isEmpty());
            assertThat(routedUids(fake.requests("/route"))).containsExactly(toBob.messageUid());
            JsonNode left = api.post("/routing/deadletter/query.json").body();
            assertThat(left.path("total").asLong()).isEqualTo(1);
            assertThat(left.path("deadLetters").get(0).path("fields").path("toUserId").asText()).isEqualTo("carol");
        }
    }
}
