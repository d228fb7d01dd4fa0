package io.parley.plugin.moderation.e2e;

import static io.parley.plugin.moderation.e2e.Clients.connect;
import static io.parley.plugin.moderation.e2e.Clients.outcome;
import static io.parley.plugin.moderation.e2e.Clients.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.SendResult;
import io.parley.plugin.moderation.e2e.Clients.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.FakeResponse;
import io.parley.testkit.webhook.ReceivedRequest;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.message.PrivateMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message callback against a local fake app server, on two servers that differ only in policy: one fails
 * open (RongCloud's default), one fails closed. Both wait 500 ms and only send {@code RC:TxtMsg} to the callback.
 */
class MessageCallbackTest {
    private static final String PATH = "/im/callback";

    @TempDir
    static Path dir;

    static FakeAppServer app;
    static EmbeddedParley open;
    static EmbeddedParley closed;

    @BeforeAll
    static void start() {
        app = FakeAppServer.start();
        open = EmbeddedParley.start(dir.resolve("open"), "moderation.callback.url", app.url(PATH),
                "moderation.callback.timeout", "500ms", "moderation.callback.object-names", "RC:TxtMsg");
        closed = EmbeddedParley.start(dir.resolve("closed"), "moderation.callback.url", app.url(PATH),
                "moderation.callback.timeout", "500ms", "moderation.callback.object-names", "RC:TxtMsg",
                "moderation.callback.fail-open", "false");
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
        app.close();
    }

    @AfterEach
    void reset() {
        app.clear();
    }

    @Test
    void aPassingAnswerDeliversAndTheRequestCarriesRongCloudsFieldsAndSignature() throws Exception {
        app.respond(PATH, request -> FakeResponse.json("{\"pass\":1}"));
        try (Device alice = connect(open, "pass-alice"); Device bob = connect(open, "pass-bob")) {
            SendResult sent = alice.client().sendPrivate("pass-bob", "RC:TxtMsg", text("hello callback")).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
            assertThat(bob.inbox().get(0).content()).isEqualTo(text("hello callback"));

            ReceivedRequest request = app.requests(PATH).get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.hasValidCallbackSignature(open.appKey(), open.appSecret())).isTrue();
            assertThat(request.hasValidCallbackSignature(open.appKey(), "another secret")).isFalse();
            assertThat(request.formField("appKey")).contains(open.appKey());
            assertThat(request.formField("fromUserId")).contains("pass-alice");
            assertThat(request.formField("targetId")).contains("pass-bob");
            assertThat(request.formField("msgType")).contains("RC:TxtMsg");
            assertThat(request.formField("content")).contains(text("hello callback"));
            assertThat(request.formField("channelType")).contains("PERSON");
            assertThat(request.formField("messageId")).contains(sent.clientMsgId());
            assertThat(request.formField("os")).contains("Android");
            assertThat(Long.parseLong(request.formField("msgTimeStamp").orElseThrow()))
                    .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        }
    }

    @Test
    void aBlockingAnswerRejectsFromClientsAndTheServerSdk() throws Exception {
        app.respond(PATH, request -> FakeResponse.json("{\"pass\":0}"));
        try (Device alice = connect(open, "cbblock-alice"); Device bob = connect(open, "cbblock-bob")) {
            assertThat(outcome(alice.client().sendPrivate("cbblock-bob", "RC:TxtMsg", text("no")))).isEqualTo(41001);
            PrivateMessage fromApp = new PrivateMessage().setSenderId("app-bot").setTargetId(new String[] {"cbblock-bob"})
                    .setObjectName("RC:TxtMsg").setContent(new TxtMessage("from the app", ""));
            assertThat(RongCloud.getInstance(open.appKey(), open.appSecret(), open.baseUrl()).message.msgPrivate
                    .send(fromApp).getCode()).isEqualTo(41001);
            assertThat(app.requests(PATH)).hasSize(2);
            assertThat(app.requests(PATH).get(1).formField("os")).contains("Server");

            app.respond(PATH, request -> FakeResponse.json("{\"pass\":1}"));
            alice.client().sendPrivate("cbblock-bob", "RC:TxtMsg", text("yes")).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
            assertThat(bob.inbox().get(0).seq()).isEqualTo(1);
        }
        assertThat(Clients.metrics(open)).contains("im_moderation_callback_outcome_total{outcome=\"block\"}")
                .contains("im_moderation_callback_latency");
    }

    @Test
    void aReplacingAnswerDeliversTheAppServersContent() {
        app.respond(PATH, request -> FakeResponse.json(
                "{\"pass\":1,\"replaceContent\":\"{\\\"content\\\":\\\"cleaned\\\"}\",\"replacePushContent\":\"clean push\"}"));
        try (Device alice = connect(open, "swap-alice"); Device bob = connect(open, "swap-bob")) {
            alice.client().send(io.parley.api.model.ConversationType.PRIVATE, "swap-bob", "RC:TxtMsg", text("dirty"),
                    "dirty push", null).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
            assertThat(bob.inbox().get(0).content()).isEqualTo(text("cleaned"));
            assertThat(bob.inbox().get(0).pushContent()).isEqualTo("clean push");
        }
    }

    @Test
    void aSlowCallbackPassesWhenFailingOpenAndIsRejectedWhenFailingClosed() {
        app.respond(PATH, request -> FakeResponse.json("{\"pass\":0}").after(Duration.ofSeconds(3)));
        assertPolicy("slow");
    }

    @Test
    void aCallbackThatIsDownFollowsThePolicy() {
        app.goDown();
        try {
            assertPolicy("down");
        } finally {
            app.comeBack();
        }
    }

    @Test
    void aGarbageAnswerFollowsThePolicy() {
        app.respond(PATH, request -> FakeResponse.garbage());
        assertPolicy("garbage");
        app.respond(PATH, request -> FakeResponse.status(500));
        assertPolicy("status");
    }

    @Test
    void otherMessageTypesAreNotSentToTheCallback() {
        app.respond(PATH, request -> FakeResponse.json("{\"pass\":0}"));
        try (Device alice = connect(open, "filter-alice")) {
            assertThat(outcome(alice.client().sendPrivate("filter-bob", "App:Custom", "{\"x\":1}"))).isZero();
            assertThat(app.requests(PATH)).isEmpty();
            assertThat(outcome(alice.client().sendPrivate("filter-bob", "RC:TxtMsg", text("x")))).isEqualTo(41001);
        }
    }

    private void assertPolicy(String scenario) {
        try (Device openSender = connect(open, scenario + "-alice"); Device openBob = connect(open, scenario + "-bob");
                Device closedSender = connect(closed, scenario + "-alice")) {
            assertThat(outcome(openSender.client().sendPrivate(scenario + "-bob", "RC:TxtMsg", text(scenario))))
                    .as("fail-open delivers").isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> openBob.inbox().size() == 1);
            assertThat(outcome(closedSender.client().sendPrivate(scenario + "-bob", "RC:TxtMsg", text(scenario))))
                    .as("fail-closed rejects").isEqualTo(41002);
        }
        try {
            assertThat(Clients.metrics(open)).contains("im_moderation_callback_outcome_total{outcome=\"error\"}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
