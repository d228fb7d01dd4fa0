package io.parley.plugin.routing;

import static io.parley.plugin.routing.RoutingTestSupport.connect;
import static io.parley.plugin.routing.RoutingTestSupport.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.ReceivedRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which messages are routed: the conversation-type and objectName filters, and server-API messages only
 * with {@code include-server-api}. A message that must not be routed is sent before one that must, in the
 * same conversation (or, across conversations, before it in the listener's order), so that its absence is
 * known once the later one has arrived.
 */
class RoutingFilterTest {
    @TempDir
    Path dir;

    private FakeAppServer fake;

    @BeforeEach
    void startFake() {
        fake = FakeAppServer.start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void serverApiMessagesAreNotRoutedByDefault() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"));
                ImClient alice = connect(server, "alice", "Android")) {
            ServerApiClient.Answer published = server.serverApi().post("/message/private/publish.json",
                    "fromUserId", "alice", "toUserId", "bob", "objectName", "RC:TxtMsg", "content", "{\"content\":\"api\"}");
            assertThat(published.code()).isEqualTo(200);
            SendResult fromClient = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"client\"}").get();

            await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests("/route").isEmpty());
            assertThat(fake.requests("/route")).extracting(request -> request.formField("msgUID").orElseThrow())
                    .containsExactly(fromClient.messageUid());
            assertThat(metric(server, "im_routing_queued_total", "message")).isEqualTo(1.0);
        }
    }

    @Test
    void serverApiAndSystemMessagesAreRoutedWhenIncluded() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"),
                "routing.include-server-api", "true")) {
            ServerApiClient api = server.serverApi();
            assertThat(api.post("/message/private/publish.json", "fromUserId", "alice", "toUserId", "bob",
                    "objectName", "RC:TxtMsg", "content", "{\"content\":\"api\"}").code()).isEqualTo(200);
            assertThat(api.post("/message/system/publish.json", "fromUserId", "admin", "toUserId", "bob",
                    "objectName", "RC:TxtMsg", "content", "{\"content\":\"notice\"}").code()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests("/route").size() >= 2);
            ReceivedRequest personal = fake.requests("/route").stream()
                    .filter(request -> request.formField("channelType").orElse("").equals("PERSON")).findFirst().orElseThrow();
            assertThat(personal.formField("source")).contains("Server");
            assertThat(personal.form()).doesNotContainKey("clientIp");
            ReceivedRequest notice = fake.requests("/route").stream()
                    .filter(request -> request.formField("channelType").orElse("").equals("NOTIFY")).findFirst().orElseThrow();
            assertThat(notice.formField("fromUserId")).contains("admin");
            assertThat(notice.formField("toUserId")).contains("bob");
            assertThat(notice.formField("source")).contains("Server");
        }
    }

    @Test
    void conversationTypeAndObjectNameFiltersKeepOnlyWhatIsListed() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"),
                "routing.include-server-api", "true", "routing.conversation-types", "6",
                "routing.object-names", "RC:TxtMsg, RC:CmdMsg");
                ImClient alice = connect(server, "alice", "Android")) {
            alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"private: type filtered\"}").get();
            ServerApiClient api = server.serverApi();
            assertThat(api.post("/message/system/publish.json", "fromUserId", "admin", "toUserId", "bob",
                    "objectName", "RC:ImgMsg", "content", "{\"content\":\"x\"}").code()).isEqualTo(200);
            assertThat(api.post("/message/system/publish.json", "fromUserId", "admin", "toUserId", "bob",
                    "objectName", "RC:CmdMsg", "content", "{\"name\":\"routed\"}").code()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests("/route").isEmpty());
            assertThat(fake.requests("/route")).hasSize(1);
            assertThat(fake.requests("/route").get(0).formField("objectName")).contains("RC:CmdMsg");
            assertThat(fake.requests("/route").get(0).formField("channelType")).contains("NOTIFY");
            assertThat(metric(server, "im_routing_queued_total", "message")).isEqualTo(1.0);
        }
    }

    @Test
    void noUrlMeansNothingIsRoutedAndNoOutboxIsOpened() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dir);
                ImClient alice = connect(server, "alice", "Android")) {
            alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hi\"}").get();
            assertThat(dir.resolve("routing").resolve("outbox.mapdb")).doesNotExist();
            assertThat(server.serverApi().post("/routing/deadletter/query.json").status()).isEqualTo(404);
        }
    }
}
