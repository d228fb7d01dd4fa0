package io.parley.plugin.moderation.e2e;

import static io.parley.plugin.moderation.e2e.Clients.connect;
import static io.parley.plugin.moderation.e2e.Clients.outcome;
import static io.parley.plugin.moderation.e2e.Clients.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.client.SendResult;
import io.parley.plugin.moderation.e2e.Clients.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.message.PrivateMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client and server-API rate limits, with limits small enough to reach in a test. */
class RateLimitTest {
    @TempDir
    static Path dir;

    static EmbeddedParley server;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dir, "moderation.rate.client.per-second", "0.5", "moderation.rate.client.burst", "3",
                "moderation.rate.server-api.message.private.publish", "3/10m");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientGetsItsBurstThen20604AndEachPlatformHasItsOwnBucket() {
        try (Device phone = connect(server, "fast-alice", "Android"); Device desktop = connect(server, "fast-alice", "PC")) {
            List<CompletableFuture<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sends.add(phone.client().sendPrivate("fast-bob", "RC:TxtMsg", text("#" + i)));
            }
            List<Integer> outcomes = sends.stream().map(Clients::outcome).toList();
            assertThat(outcomes.subList(0, 3)).containsOnly(0);
            assertThat(outcomes.subList(4, 6)).containsOnly(20604);

            assertThat(outcome(desktop.client().sendPrivate("fast-bob", "RC:TxtMsg", text("from the desktop")))).isZero();
        }
    }

    @Test
    void theServerApiAnswers1008WithHttp429BeyondTheEndpointsLimit() throws Exception {
        RongCloud rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
        PrivateMessage message = new PrivateMessage().setSenderId("app-bot").setTargetId(new String[] {"api-bob"})
                .setObjectName("RC:TxtMsg").setContent(new TxtMessage("hello", ""));
        for (int i = 0; i < 3; i++) {
            assertThat(rongCloud.message.msgPrivate.send(message).getCode()).as("call %d", i + 1).isEqualTo(200);
        }
        assertThat(rongCloud.message.msgPrivate.send(message).getCode()).isEqualTo(1008);

        ServerApiClient.Answer raw = server.serverApi().post("/message/private/publish.json", "fromUserId", "app-bot",
                "toUserId", "api-bob", "objectName", "RC:TxtMsg", "content", text("raw"));
        assertThat(raw.status()).isEqualTo(429);
        assertThat(raw.code()).isEqualTo(1008);
        assertThat(raw.body().path("errorMessage").asText())
                .isEqualTo("too many calls to /message/private/publish.json: its limit is 3 per 10m (3/10m); try again later");

        assertThat(server.serverApi().post("/user/checkOnline.json", "userId", "api-bob").code())
                .as("other endpoints keep working").isEqualTo(200);
        assertThat(Clients.metrics(server))
                .contains("im_moderation_api_ratelimited_total{endpoint=\"/message/private/publish.json\"} 2.0");
    }
}
