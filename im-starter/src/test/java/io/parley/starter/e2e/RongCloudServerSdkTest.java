package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.Result;
import io.rong.models.message.PrivateMessage;
import io.rong.models.response.CheckOnlineResult;
import io.rong.models.response.ResponseResult;
import io.rong.models.response.TokenResult;
import io.rong.models.response.UserResult;
import io.rong.models.user.ExpireModel;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RongCloud's own Java server SDK 3.3.1, unchanged, against a Parley server. */
class RongCloudServerSdkTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir);
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ImClient connect(String token, String deviceId, List<ReceivedMessage> inbox) {
        ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(token)
                .deviceId(deviceId).platform("Android").build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        return client;
    }

    @Test
    void theSdkGetsATokenAndPublishesAPrivateMessageThatTheClientReceives() throws Exception {
        TokenResult token = rongCloud.user.register(new UserModel().setId("sdk-user").setName("Sdk User")
                .setPortrait("http://example.invalid/p.png"));
        assertThat(token.getCode()).isEqualTo(200);
        assertThat(token.getUserId()).isEqualTo("sdk-user");

        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        try (ImClient client = connect(token.getToken(), "sdk-phone", inbox)) {
            PrivateMessage message = new PrivateMessage().setSenderId("app-bot").setTargetId(new String[] {"sdk-user"})
                    .setObjectName("RC:TxtMsg").setContent(new TxtMessage("hello from the app server", "x"))
                    .setPushContent("hello").setIsPersisted(1).setIsCounted(1).setIsIncludeSender(0);
            ResponseResult sent = rongCloud.message.msgPrivate.send(message);
            assertThat(sent.getCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.size() == 1);
            ReceivedMessage received = inbox.get(0);
            assertThat(received.fromUserId()).isEqualTo("app-bot");
            assertThat(received.targetId()).isEqualTo("app-bot");
            assertThat(received.objectName()).isEqualTo("RC:TxtMsg");
            assertThat(received.content()).contains("hello from the app server");
            assertThat(received.pushContent()).isEqualTo("hello");
            assertThat(received.seq()).isEqualTo(1);

            CheckOnlineResult online = rongCloud.user.onlineStatus.check(new UserModel().setId("sdk-user"));
            assertThat(online.getStatus()).isEqualTo("1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "0".equals(rongCloud.user.onlineStatus.check(new UserModel().setId("sdk-user")).getStatus()));
    }

    @Test
    void userInfoRefreshAndTokenExpiryWorkThroughTheSdk() throws Exception {
        TokenResult token = rongCloud.user.register(new UserModel().setId("sdk-info").setName("First")
                .setPortrait("http://example.invalid/a.png"));
        Result updated = rongCloud.user.update(new UserModel().setId("sdk-info").setName("Second")
                .setPortrait("http://example.invalid/b.png"));
        assertThat(updated.getCode()).isEqualTo(200);
        UserResult info = rongCloud.user.get(new UserModel().setId("sdk-info"));
        assertThat(info.getCode()).isEqualTo(200);
        assertThat(info.getUserName()).isEqualTo("Second");
        assertThat(info.getUserPortrait()).isEqualTo("http://example.invalid/b.png");
        assertThat(info.getCreateTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

        Result expired = rongCloud.user.expire(new ExpireModel().setUserId(new String[] {"sdk-info"})
                .setTime(System.currentTimeMillis() + 1000));
        assertThat(expired.getCode()).isEqualTo(200);
        ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(token.getToken())
                .deviceId("d").platform("iOS").build();
        try (client) {
            assertThat(client.connect()).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(ImClientException.class)
                    .satisfies(error -> assertThat(((ImClientException) error).code()).isEqualTo(31020));
        }
    }

    @Test
    void theSdkSignsEachCallAfreshSoManyCallsInARowAreAllServed() throws Exception {
        rongCloud.user.register(new UserModel().setId("sdk-many").setName("Many").setPortrait("http://p"));
        for (int i = 0; i < 100; i++) {
            Result updated = rongCloud.user.update(new UserModel().setId("sdk-many").setName("Name " + i)
                    .setPortrait("http://p"));
            assertThat(updated.getCode()).as("call %d", i).isEqualTo(200);
        }
        assertThat(rongCloud.user.get(new UserModel().setId("sdk-many")).getUserName()).isEqualTo("Name 99");
        assertThat(server.server().meterRegistry().get("im.server_api.nonces.refused").tag("reason", "replayed")
                .counter().count()).as("no call of the SDK's was taken for a replay").isZero();
    }

    @Test
    void aWrongSecretIsRefusedWithSignatureError() throws Exception {
        RongCloud wrong = RongCloud.getInstance(server.appKey(), "not-the-secret", server.baseUrl());
        TokenResult result = wrong.user.register(new UserModel().setId("x").setName("x").setPortrait("http://p"));
        assertThat(result.getCode()).isEqualTo(1004);
    }

}
