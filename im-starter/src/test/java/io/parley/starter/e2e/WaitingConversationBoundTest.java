package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.starter.support.HoldingPlugin;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversation whose message waits for a slow interceptor holds at most {@code dispatch.max-waiting-per-conversation}
 * messages behind it: one more is refused at once with SERVER_BUSY (33012) instead of queueing, while another
 * conversation, on the same (only) stripe, goes on; once the answer comes, what waited is committed.
 */
class WaitingConversationBoundTest {
    @TempDir
    Path dataDir;

    ParleyServer server;
    ServerApiClient api;
    final ExecutorService callers = Executors.newCachedThreadPool();
    final HoldingPlugin holder = new HoldingPlugin();

    @BeforeEach
    void start() {
        server = Parley.builder().isolated().discoverPlugins(false).plugin(holder)
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "stripe-key", "app.secret", "stripe-secret",
                        "dispatch.stripes", "1", "dispatch.max-waiting-per-conversation", "2"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "stripe-key", "stripe-secret");
    }

    @AfterEach
    void stop() {
        holder.release();
        server.stop();
        callers.shutdownNow();
    }

    private CompletableFuture<Integer> publish(String from, String to, String text) {
        return CompletableFuture.supplyAsync(() -> api.post("/message/private/publish.json", "fromUserId", from,
                "toUserId", to, "objectName", "RC:TxtMsg", "content", "{\"content\":\"" + text + "\"}").code(),
                callers);
    }

    @Test
    void aWaitingConversationRefusesPastItsBoundWhileTheStripeGoesOn() throws Exception {
        CompletableFuture<Integer> held = publish("alice", "bob", "hold");
        assertThat(holder.awaitHolding(60)).as("the first message waits for its interceptor").isTrue();

        // two may wait behind it; of three more, one is refused at once
        List<CompletableFuture<Integer>> behind = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            behind.add(publish("alice", "bob", "behind " + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> behind.stream().anyMatch(CompletableFuture::isDone));
        assertThat(behind.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList())
                .as("refused as busy").containsExactly(33012);

        assertThat(publish("alice", "carol", "on the same stripe").get(60, TimeUnit.SECONDS))
                .as("another conversation goes on").isEqualTo(200);
        assertThat(held).as("still waiting").isNotDone();

        holder.release();
        assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(behind.stream().map(CompletableFuture::join).sorted().toList()).containsExactly(200, 200, 33012);
    }
}
