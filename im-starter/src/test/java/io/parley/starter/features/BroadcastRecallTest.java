package io.parley.starter.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /message/broadcast/recall.json}: a stored broadcast is recalled on every recipient's copy, end to end. */
class BroadcastRecallTest {
    @TempDir
    Path dataDir;

    EmbeddedParley server;
    ServerApiClient api;
    final Map<String, ImClient> clients = new ConcurrentHashMap<>();
    final Map<String, List<ReceivedMessage>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir);
        api = server.serverApi();
    }

    @AfterEach
    void stop() {
        clients.values().forEach(ImClient::close);
        server.close();
    }

    private void connect(String userId) {
        List<ReceivedMessage> inbox = received.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>());
        ImClient client = server.client(userId, userId + "-phone", "iOS").cursorStore(CursorStore.inMemory()).build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        clients.put(userId, client);
    }

    private List<ReceivedMessage> of(String userId, String objectName) {
        return received.getOrDefault(userId, List.of()).stream()
                .filter(message -> message.objectName().equals(objectName)).toList();
    }

    @Test
    void theSenderRecallsEveryCopyOfABroadcastOnlineAndOffline() {
        api.token("amy");
        connect("bo");
        ServerApiClient.Answer sent = api.post("/message/broadcast.json", "fromUserId", "news", "objectName",
                "RC:TxtMsg", "content", "{\"content\":\"sale today\"}");
        assertThat(sent.code()).isEqualTo(200);
        String broadcastId = sent.body().path("id").asText();
        assertThat(sent.body().path("messageUID").asText()).isEqualTo(broadcastId).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bo", "RC:TxtMsg").size() == 1);
        String boCopy = of("bo", "RC:TxtMsg").get(0).messageUid();

        assertThat(api.post("/message/broadcast/recall.json", "fromUserId", "someone-else", "messageUID",
                broadcastId).code()).as("only the sender, unless admin").isEqualTo(20406);
        assertThat(api.post("/message/broadcast/recall.json", "fromUserId", "news", "messageUID", "no-such-broadcast")
                .code()).isEqualTo(1015);
        assertThat(api.post("/message/broadcast/recall.json", "fromUserId", "news", "messageUID", broadcastId,
                "extra", "withdrawn").code()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> of("bo", "RC:RcCmd").size() == 1);
        ReceivedMessage recall = of("bo", "RC:RcCmd").get(0);
        assertThat(recall.conversationType()).isEqualTo(ConversationType.SYSTEM);
        assertThat(recall.fromUserId()).isEqualTo("news");
        assertThat(recall.content()).contains("\"messageUId\":\"" + boCopy + "\"").contains("\"extra\":\"withdrawn\"")
                .contains("\"conversationType\":\"6\"");

        // amy was offline: she syncs her copy as its recall note, never the broadcast itself
        connect("amy");
        await().atMost(Duration.ofSeconds(10)).until(() -> of("amy", "RC:RcNtf").size() == 1);
        assertThat(of("amy", "RC:RcNtf").get(0).conversationType()).isEqualTo(ConversationType.SYSTEM);
        assertThat(received.get("amy")).noneMatch(message -> message.content().contains("sale today"));
    }

    @Test
    void anAdminRecallsABroadcastItDidNotSendButAnOnlineBroadcastIsNotKept() {
        api.token("amy");
        String broadcastId = api.post("/message/broadcast.json", "fromUserId", "news", "objectName", "RC:TxtMsg",
                "content", "{\"content\":\"x\"}").body().path("id").asText();
        assertThat(api.post("/message/broadcast/recall.json", "fromUserId", "ops", "messageUID", broadcastId,
                "isAdmin", "1").code()).isEqualTo(200);

        connect("bo");
        ServerApiClient.Answer online = api.post("/message/online/broadcast.json", "fromUserId", "news", "objectName",
                "RC:TxtMsg", "content", "{\"content\":\"live\"}");
        assertThat(online.code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> of("bo", "RC:TxtMsg").stream()
                .anyMatch(message -> message.content().contains("live")));
        assertThat(api.post("/message/broadcast/recall.json", "fromUserId", "news", "messageUID",
                online.body().path("id").asText()).code()).as("online broadcasts are not stored").isEqualTo(1015);
    }
}
