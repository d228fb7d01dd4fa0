package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.storage.StorageProvider;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.starter.support.HoldingPlugin;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission control end to end: with {@code message.max-in-flight} at 1 and a message held in flight (an interceptor
 * waits), a second send is refused at once with SERVER_BUSY (33012) instead of queueing, {@code /health/ready}
 * answers 503 BUSY meanwhile, and the SDK retries the refused send with the same client message id after a backoff,
 * so that once the first is through both are committed, each once.
 */
class BusyRefusalTest {
    @TempDir
    Path dataDir;

    ParleyServer server;
    ServerApiClient api;
    final HoldingPlugin holder = new HoldingPlugin();

    @BeforeEach
    void start() {
        server = Parley.builder().isolated().discoverPlugins(false).plugin(holder)
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "busy-key", "app.secret", "busy-secret",
                        "message.max-in-flight", "1"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "busy-key", "busy-secret");
    }

    @AfterEach
    void stop() {
        holder.release();
        server.stop();
    }

    private ImClient connect(String userId, List<ReceivedMessage> inbox) {
        ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(userId))
                .deviceId(userId + "-device").platform("Android").build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        return client;
    }

    private HttpResponse<String> ready() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSendPastTheBoundIsRefusedAsBusyAndTheSdkRetriesItOnceThereIsRoom() throws Exception {
        List<ReceivedMessage> atBob = new CopyOnWriteArrayList<>();
        try (ImClient alice = connect("alice", new CopyOnWriteArrayList<>()); ImClient bob = connect("bob", atBob)) {
            assertThat(ready().statusCode()).isEqualTo(200);
            CompletableFuture<SendResult> held = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hold\"}");
            assertThat(holder.awaitHolding(30)).as("the first send is in flight").isTrue();

            HttpResponse<String> busy = ready();
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.body()).contains("\"status\":\"BUSY\"").contains("message.max-in-flight");

            double refusedBefore = refusedBusy();
            CompletableFuture<SendResult> second = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"next\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> refusedBusy() >= refusedBefore + 1);
            assertThat(second).as("still pending: refused, waiting to retry").isNotDone();

            holder.release();
            SendResult first = held.get(30, TimeUnit.SECONDS);
            SendResult retried = second.get(30, TimeUnit.SECONDS);
            assertThat(retried.seq()).isEqualTo(first.seq() + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> atBob.size() == 2);
            assertThat(atBob).extracting(ReceivedMessage::messageUid)
                    .containsExactly(first.messageUid(), retried.messageUid());
            assertThat(server.kernelObject(StorageProvider.class).messages()
                    .conversationHead(ConversationKey.privateChat("alice", "bob"))).as("each stored once").isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
        }
    }

    private double refusedBusy() {
        return server.kernelObject(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class)
                .counter("im.messages.refused.busy").count();
    }
}
