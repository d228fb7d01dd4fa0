package io.parley.starter.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.api.rongcloud.RongCloudSignature;
import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.ReceivedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full message routing with the chatroom and ultragroup plugins installed: server-API chatroom messages and a
 * chatroom recall (with {@code originalMsgUID}), and an ultragroup channel message ({@code busChannel}), seen by a
 * local fake app server.
 */
class RoutingAcrossPluginsTest {
    @TempDir
    Path dir;

    @Test
    void chatroomAndUltragroupMessagesAreRoutedWithRongCloudsFields() throws Exception {
        try (FakeAppServer fake = FakeAppServer.start();
                EmbeddedParley server = EmbeddedParley.start(dir, "routing.url", fake.url("/route"),
                        "routing.include-server-api", "true")) {
            ServerApiClient api = server.serverApi();
            try (ImClient alice = server.client("alice", "alice-phone", "Android").build()) {
                alice.connect().get(10, TimeUnit.SECONDS);
                alice.command("chatroom.join", Map.of("roomId", "hall")).get(10, TimeUnit.SECONDS);

                assertThat(api.post("/message/chatroom/publish.json", "fromUserId", "admin", "toChatroomId", "hall",
                        "objectName", "RC:TxtMsg", "content", "{\"content\":\"from the app\"}").code()).isEqualTo(200);
                SendResult said = alice.send(ConversationType.CHATROOM, "hall", "RC:TxtMsg",
                        "{\"content\":\"oops\"}").get(10, TimeUnit.SECONDS);
                SendResult recall = alice.send(ConversationType.CHATROOM, "hall", "RC:RcCmd",
                        "{\"messageUId\":\"" + said.messageUid() + "\",\"conversationType\":\"4\",\"targetId\":\"hall\","
                                + "\"sentTime\":" + said.sentTime() + ",\"isAdmin\":0,\"isDelete\":0}")
                        .get(10, TimeUnit.SECONDS);

                assertThat(api.post("/ultragroup/create.json", "groupId", "ug", "userId", "alice", "groupName", "UG")
                        .code()).isEqualTo(200);
                assertThat(api.post("/ultragroup/channel/create.json", "groupId", "ug", "busChannel", "news").code())
                        .isEqualTo(200);
                assertThat(postJson(server, "/message/ultragroup/publish.json", "{\"fromUserId\":\"alice\","
                        + "\"toGroupIds\":[\"ug\"],\"busChannel\":\"news\",\"objectName\":\"RC:TxtMsg\","
                        + "\"content\":\"{\\\"content\\\":\\\"channel news\\\"}\"}")).isEqualTo(200);

                await().atMost(Duration.ofSeconds(20)).until(() -> fake.requests("/route").stream()
                        .map(request -> request.formField("channelType").orElse("")).distinct().count() == 2
                        && fake.requests("/route").size() >= 4);
                List<ReceivedRequest> routed = fake.requests("/route");

                ReceivedRequest fromApp = routed.stream()
                        .filter(r -> r.formField("content").orElse("").contains("from the app")).findFirst().orElseThrow();
                assertThat(fromApp.formField("channelType")).contains("TEMPGROUP");
                assertThat(fromApp.formField("source")).contains("Server");
                assertThat(fromApp.formField("toUserId")).contains("hall");

                ReceivedRequest recalled = routed.stream()
                        .filter(r -> r.formField("msgUID").orElse("").equals(recall.messageUid())).findFirst()
                        .orElseThrow();
                assertThat(recalled.formField("objectName")).contains("RC:RcCmd");
                assertThat(recalled.formField("originalMsgUID")).contains(said.messageUid());
                assertThat(recalled.formField("source")).contains("Android");

                ReceivedRequest channel = routed.stream()
                        .filter(r -> r.formField("channelType").orElse("").equals("ULTRAGROUP")).findFirst()
                        .orElseThrow();
                assertThat(channel.formField("toUserId")).contains("ug");
                assertThat(channel.formField("busChannel")).contains("news");
                assertThat(channel.formField("groupUserIds")).contains("");
            }
        }
    }

    private static int postJson(EmbeddedParley server, String path, String json) throws Exception {
        String nonce = String.valueOf(System.nanoTime());
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("App-Key", server.appKey()).header("Nonce", nonce).header("Timestamp", timestamp)
                .header("Signature", RongCloudSignature.sign(server.appSecret(), nonce, timestamp))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("code").asInt();
    }
}
