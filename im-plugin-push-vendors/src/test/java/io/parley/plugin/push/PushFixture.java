package io.parley.plugin.push;

import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.push.XiaomiFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server with the push plugin and the Xiaomi adapter pointed at a local fake, and helpers to register a
 * user's device token over the client protocol and leave them offline.
 */
final class PushFixture implements AutoCloseable {
    static final String SECRET = "fixtureAppSecret";
    static final String APP_ID = "com.example.chat";

    final XiaomiFake vendor = new XiaomiFake(SECRET);
    final EmbeddedParley server;
    private final List<ImClient> clients = new ArrayList<>();

    PushFixture(Path dir, String... extraConfig) {
        List<String> config = new ArrayList<>(List.of("push.vendors", "xiaomi", "push.xiaomi.app-secret", SECRET,
                "push.xiaomi.endpoint", vendor.baseUrl(), "push.retry.initial-backoff", "200ms"));
        config.addAll(List.of(extraConfig));
        server = EmbeddedParley.start(dir, config.toArray(String[]::new));
    }

    /** Connects {@code userId} with the real client SDK and keeps the connection open. */
    ImClient online(String userId) {
        ImClient client = server.client(userId, userId + "-phone", "Android").build();
        client.connect().join();
        clients.add(client);
        return client;
    }

    /** Registers a Xiaomi token for {@code userId} over the client protocol, then disconnects the device. */
    Map<String, Object> registerAndGoOffline(String userId, String token) {
        ImClient client = server.client(userId, userId + "-phone", "Android").build();
        client.connect().join();
        Map<String, Object> answer = client.command("push.register",
                Map.of("vendor", "xiaomi", "token", token, "appId", APP_ID, "sandbox", false)).join();
        client.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.serverApi()
                .post("/user/checkOnline.json", "userId", userId).body().path("status").asText().equals("0"));
        return answer;
    }

    @Override
    public void close() {
        clients.forEach(ImClient::close);
        server.close();
        vendor.close();
    }
}
