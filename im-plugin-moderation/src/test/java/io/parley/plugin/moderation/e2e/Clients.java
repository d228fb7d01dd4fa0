package io.parley.plugin.moderation.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Small helpers the end-to-end tests share: connected devices with an inbox, send outcomes, signed JSON posts. */
final class Clients {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Clients() {
    }

    /** A connected Android device of {@code userId} and the messages it receives. */
    record Device(ImClient client, List<ReceivedMessage> inbox) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    static Device connect(EmbeddedParley server, String userId) {
        return connect(server, userId, "Android");
    }

    static Device connect(EmbeddedParley server, String userId, String platform) {
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        ImClient client = server.client(userId, userId + "-" + platform, platform).build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        return new Device(client, inbox);
    }

    /** The code a future failed with (an {@link ImClientException}'s), or 0 when it completed. */
    static int outcome(CompletableFuture<?> future) {
        try {
            future.get(15, TimeUnit.SECONDS);
            return 0;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof ImClientException clientException) {
                return clientException.code();
            }
            throw new AssertionError("failed without a code", e);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    static String text(String content) {
        return "{\"content\":\"" + content + "\"}";
    }

    /** Posts a JSON body signed as RongCloud's SDKs sign it, as for {@code /sensitiveword/batch/add.json}. */
    static ServerApiClient.Answer postJson(EmbeddedParley server, String path, String json) throws Exception {
        String nonce = String.valueOf(Math.random() * 1_000_000);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest((server.appSecret() + nonce + timestamp).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("App-Key", server.appKey()).header("Nonce", nonce).header("Timestamp", timestamp)
                .header("Signature", signature).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        return new ServerApiClient.Answer(response.statusCode(), body);
    }

    /** The server's Prometheus page. */
    static String metrics(EmbeddedParley server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
