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
import io.parley.testkit.webhook.FakeResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app server goes down, answers 500, answers too slowly, and the IM server restarts in the middle of a
 * backlog: once the app server is healthy, every message arrives at least once, in order per conversation.
 */
class RoutingResilienceTest {
    @TempDir
    Path dir;

    private FakeAppServer fake;
    private EmbeddedParley server;

    @BeforeEach
    void start() {
        fake = FakeAppServer.start();
        server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"), "routing.retry-initial", "50ms",
                "routing.retry-max", "300ms", "routing.timeout", "300ms");
    }

    @AfterEach
    void stop() {
        server.close();
        fake.close();
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void anOutageLosesNothingAndKeepsOrderPerConversation() throws Exception {
        try (ImClient alice = connect(server, "alice", "Android"); ImClient bob = connect(server, "bob", "iOS")) {
            fake.goDown();
            List<SendResult> aliceToBob = new ArrayList<>();
            List<SendResult> aliceToCarol = new ArrayList<>();
            List<SendResult> bobToDave = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                aliceToBob.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"ab" + i + "\"}").get());
                aliceToCarol.add(alice.sendPrivate("carol", "RC:TxtMsg", "{\"content\":\"ac" + i + "\"}").get());
                bobToDave.add(bob.sendPrivate("dave", "RC:TxtMsg", "{\"content\":\"bd" + i + "\"}").get());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(server, "im_routing_retried_total", "message") >= 6);
            assertThat(metric(server, "im_routing_delivered_total", "message")).isZero();
            fake.comeBack();

            await().atMost(Duration.ofSeconds(20)).until(() -> routedUids(fake.requests("/route")).size() >= 45);
            assertArrivedInSeqOrder(aliceToBob, "alice", "bob");
            assertArrivedInSeqOrder(aliceToCarol, "alice", "carol");
            assertArrivedInSeqOrder(bobToDave, "bob", "dave");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> metric(server, "im_routing_delivered_total", "message") >= 45);
            assertThat(metric(server, "im_routing_backlog", null)).isZero();
        }
    }

    @Test
    void answers500AreRetriedUntilAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fake.respond("/route", request -> calls.incrementAndGet() <= 6 ? FakeResponse.status(500) : FakeResponse.ok());
        try (ImClient alice = connect(server, "alice", "Android")) {
            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"" + i + "\"}").get());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> metric(server, "im_routing_delivered_total", "message") >= 5);
            assertThat(calls.get()).isGreaterThanOrEqualTo(11);
            assertArrivedInSeqOrder(sent, "alice", "bob");
            assertThat(metric(server, "im_routing_retried_total", "message")).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void answersSlowerThanTheTimeoutAreRetriedUntilAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fake.respond("/route", request -> calls.incrementAndGet() <= 3
                ? FakeResponse.ok().after(Duration.ofSeconds(1)) : FakeResponse.ok());
        try (ImClient alice = connect(server, "alice", "Android")) {
            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"" + i + "\"}").get());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> metric(server, "im_routing_delivered_total", "message") >= 3);
            assertThat(metric(server, "im_routing_retried_total", "message")).isGreaterThanOrEqualTo(3);
            assertArrivedInSeqOrder(sent, "alice", "bob");
        }
    }

    @Test
    void aRestartInTheMiddleOfABacklogLosesNothing() throws Exception {
        List<SendResult> sent = new ArrayList<>();
        try (ImClient alice = connect(server, "alice", "Android")) {
            fake.goDown();
            for (int i = 0; i < 20; i++) {
                sent.add(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"" + i + "\"}").get());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(server, "im_routing_queued_total", "message") >= 20
                    && metric(server, "im_routing_retried_total", "message") >= 1);
        }
        server.restart();
        assertThat(metric(server, "im_routing_backlog", null)).isEqualTo(20.0);
        fake.comeBack();

        await().atMost(Duration.ofSeconds(15)).until(() -> routedUids(fake.requests("/route")).size() >= 20);
        assertArrivedInSeqOrder(sent, "alice", "bob");
    }

    /** Every sent message arrived, and their first arrivals follow the conversation's seq. */
    private void assertArrivedInSeqOrder(List<SendResult> sent, String from, String to) {
        List<String> expected = sent.stream().sorted(java.util.Comparator.comparingLong(SendResult::seq))
                .map(SendResult::messageUid).toList();
        assertThat(routedUids(fake.requests("/route"), from, to)).containsExactlyElementsOf(expected);
    }
}
