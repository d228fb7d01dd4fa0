package io.parley.plugin.routing;

import static io.parley.plugin.routing.RoutingTestSupport.connect;
import static io.parley.plugin.routing.RoutingTestSupport.metric;
import static io.parley.plugin.routing.RoutingTestSupport.routedUids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.ReceivedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catch-up at start, end to end: messages committed while routing did not see them (here, a run with
 * routing switched off, then one without a URL: exactly the state a kill -9 leaves between a message's
 * commit and its outbox append) are routed at the next start with routing on, each once, in seq order per
 * conversation, and none of the messages routed before is sent again.
 */
class RoutingCatchUpTest {
    @TempDir
    Path dir;

    private FakeAppServer fake;

    @BeforeEach
    void startFake() {
        fake = FakeAppServer.start();
    }

    @AfterEach
    void stop() {
        fake.close();
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void messagesCommittedButNeverQueuedAreRoutedAtTheNextStartExactlyOnce() throws Exception {
        Path outboxFile = dir.resolve("routing").resolve("outbox.mapdb");
        List<SendResult> routedBefore = new ArrayList<>();
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"));
                ImClient alice = connect(server, "alice", "Android")) {
            for (int i = 0; i < 4; i++) {
                routedBefore.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"before" + i + "\"}").get());
                routedBefore.add(alice.sendPrivate("dave", "RC:TxtMsg", "{\"content\":\"before" + i + "\"}").get());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> routedUids(fake.requests("/route")).size() >= 8
                    && metric(server, "im_routing_backlog", null) == 0);
        }
        RoutingTestSupport.awaitOutboxClosed(dir);
        assertThat(countsByUid(fake.requests("/route"))).hasSize(8).allSatisfy((uid, count) -> assertThat(count).isOne());
        String outboxAfterFirstRun = digest(outboxFile);

        // the lost window: committed in storage, never seen by routing
        List<SendResult> lostToBob = new ArrayList<>();
        List<SendResult> lostToDave = new ArrayList<>();
        List<SendResult> lostToCarol = new ArrayList<>();
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.enabled", "false");
                ImClient alice = connect(server, "alice", "Android")) {
            for (int i = 0; i < 3; i++) {
                lostToBob.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"lost" + i + "\"}").get());
                lostToCarol.add(alice.sendPrivate("carol", "RC:TxtMsg", "{\"content\":\"lost" + i + "\"}").get());
            }
            assertThat(server.serverApi().post("/message/private/publish.json", "fromUserId", "alice", "toUserId",
                    "bob", "objectName", "RC:TxtMsg", "content", "{\"content\":\"api\"}").code())
                    .as("a server-API message, which the filters leave out").isEqualTo(200);
            assertThat(RoutingRuntime.openAt(outboxFile)).isEmpty();
        }
        try (EmbeddedParley server = EmbeddedParley.start(dir);
                ImClient alice = connect(server, "alice", "Android")) {
            for (int i = 0; i < 3; i++) {
                lostToBob.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"lost-no-url" + i + "\"}").get());
                lostToDave.add(alice.sendPrivate("dave", "RC:TxtMsg", "{\"content\":\"lost-no-url" + i + "\"}").get());
            }
            assertThat(RoutingRuntime.openAt(outboxFile)).isEmpty();
        }
        assertThat(digest(outboxFile)).as("neither run touched the outbox").isEqualTo(outboxAfterFirstRun);
        assertThat(fake.requests("/route")).hasSize(8);

        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> metric(server, "im_routing_delivered_total", "message") >= 12
                    && metric(server, "im_routing_backlog", null) == 0);
            assertThat(metric(server, "im_routing_queued_total", "message")).isEqualTo(12.0);
            assertThat(metric(server, "im_routing_delivered_total", "message")).isEqualTo(12.0);
        }

        List<ReceivedRequest> requests = fake.requests("/route");
        assertThat(requests).as("8 routed before, 12 recovered, no repeat").hasSize(20);
        assertThat(countsByUid(requests)).hasSize(20).allSatisfy((uid, count) -> assertThat(count).isOne());
        assertThat(requests).allSatisfy(request -> assertThat(request.formField("source")).contains("Android"));
        List<ReceivedRequest> recovered = requests.subList(8, 20);
        assertThat(recovered).extracting(request -> request.formField("msgUID").orElseThrow())
                .doesNotContainAnyElementsOf(routedBefore.stream().map(SendResult::messageUid).toList());
        assertThat(routedUids(recovered, "alice", "bob")).containsExactlyElementsOf(inSeqOrder(lostToBob));
        assertThat(routedUids(recovered, "alice", "carol")).containsExactlyElementsOf(inSeqOrder(lostToCarol));
        assertThat(routedUids(recovered, "alice", "dave")).containsExactlyElementsOf(inSeqOrder(lostToDave));
        assertThat(recovered).allSatisfy(request -> {
            assertThat(request.form()).as("storage does not keep the sender's address").doesNotContainKey("clientIp");
            assertThat(request.formField("content").orElseThrow()).startsWith("{\"content\":\"lost");
        });

        // a clean restart finds nothing more to recover
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"))) {
            assertThat(metric(server, "im_routing_queued_total", "message")).isZero();
            assertThat(metric(server, "im_routing_backlog", null)).isZero();
        }
        assertThat(fake.requests("/route")).hasSize(20);
    }

    private static List<String> inSeqOrder(List<SendResult> sent) {
        return sent.stream().sorted(Comparator.comparingLong(SendResult::seq)).map(SendResult::messageUid).toList();
    }

    private static Map<String, Long> countsByUid(List<ReceivedRequest> requests) {
        return requests.stream().map(request -> request.formField("msgUID").orElseThrow())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
