package io.parley.plugin.routing;

import static io.parley.plugin.routing.RoutingTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.ReceivedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the app server receives, field by field, from real clients through a real server. */
class RoutingWireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FakeAppServer fake;
    private EmbeddedParley server;

    @BeforeEach
    void start() {
        fake = FakeAppServer.start();
        server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"), "routing.presence-url",
                fake.url("/presence"));
    }

    @AfterEach
    void stop() {
        server.close();
        fake.close();
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void privateMessagesArriveAsRongCloudRoutingFormsSignedWithTheAppSecret() throws Exception {
        try (ImClient alice = connect(server, "alice", "Android"); ImClient bob = connect(server, "bob", "iOS")) {
            long before = System.currentTimeMillis();
            SendResult hello = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hello & 你好\"}").get();
            SendResult reply = bob.sendPrivate("alice", "RC:TxtMsg", "{\"content\":\"hi\"}").get();

            await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests("/route").size() >= 2);
            List<ReceivedRequest> routed = fake.requests("/route");
            ReceivedRequest first = routed.get(0);
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(first.hasValidCallbackSignature(server.appKey(), server.appSecret())).isTrue();
            assertThat(first.hasValidCallbackSignature(server.appKey(), "another-secret")).isFalse();
            assertThat(Long.parseLong(first.queryParam("signTimestamp").orElseThrow()))
                    .isBetween(before - 1000, System.currentTimeMillis() + 1000);
            assertThat(first.form().keySet()).containsExactly("fromUserId", "toUserId", "objectName", "content",
                    "channelType", "msgTimestamp", "msgUID", "originalMsgUID", "sensitiveType", "source", "busChannel",
                    "groupUserIds", "clientIp");
            Map<String, List<String>> form = first.form();
            assertThat(form.get("fromUserId")).containsExactly("alice");
            assertThat(form.get("toUserId")).containsExactly("bob");
            assertThat(form.get("objectName")).containsExactly("RC:TxtMsg");
            assertThat(form.get("content")).containsExactly("{\"content\":\"hello & 你好\"}");
            assertThat(form.get("channelType")).containsExactly("PERSON");
            assertThat(form.get("msgTimestamp")).containsExactly(Long.toString(hello.sentTime()));
            assertThat(form.get("msgUID")).containsExactly(hello.messageUid());
            assertThat(form.get("sensitiveType")).containsExactly("0");
            assertThat(form.get("source")).containsExactly("Android");
            assertThat(form.get("clientIp").get(0)).matches("127\\.0\\.0\\.1:\\d+");

            ReceivedRequest second = routed.get(1);
            assertThat(second.formField("fromUserId")).contains("bob");
            assertThat(second.formField("toUserId")).contains("alice");
            assertThat(second.formField("source")).contains("iOS");
            assertThat(second.formField("msgUID")).contains(reply.messageUid());
            assertThat(second.queryParam("nonce")).isNotEqualTo(first.queryParam("nonce"));
        }
    }

    @Test
    void presenceOnlineOfflineAndLogoutArriveAsRongCloudJsonSignedWithTheAppSecret() throws Exception {
        ImClient first = connect(server, "carol", "Android");
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests("/presence").size() >= 1);
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests("/presence").size() >= 2);
        ImClient second = connect(server, "carol", "iOS");
        second.logout();
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests("/presence").size() >= 4);

        List<ReceivedRequest> requests = fake.requests("/presence");
        List<JsonNode> bodies = requests.stream().map(request -> readJson(request.body())).toList();
        assertThat(bodies).extracting(body -> body.path("status").textValue()).containsExactly("0", "1", "0", "2");
        assertThat(bodies).extracting(body -> body.path("os").textValue())
                .containsExactly("Android", "Android", "iOS", "iOS");
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = bodies.get(i);
            assertThat(requests.get(i).contentType()).startsWith("application/json");
            assertThat(requests.get(i).hasValidCallbackSignature(server.appKey(), server.appSecret())).isTrue();
            assertThat(body.isObject()).isTrue();
            assertThat(iterable(body.fieldNames()))
                    .containsExactly("userid", "status", "os", "time", "clientIp", "sessionId");
            assertThat(body.path("userid").textValue()).isEqualTo("carol");
            assertThat(body.path("status").isTextual()).isTrue();
            assertThat(body.path("time").isIntegralNumber()).isTrue();
            assertThat(body.path("time").asLong()).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
            assertThat(body.path("clientIp").textValue()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(body.path("sessionId").textValue()).isNotEmpty();
        }
        assertThat(bodies.get(1).path("sessionId")).isEqualTo(bodies.get(0).path("sessionId"));
        assertThat(bodies.get(2).path("sessionId")).isNotEqualTo(bodies.get(0).path("sessionId"));
        assertThat(bodies.get(3).path("sessionId")).isEqualTo(bodies.get(2).path("sessionId"));
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
