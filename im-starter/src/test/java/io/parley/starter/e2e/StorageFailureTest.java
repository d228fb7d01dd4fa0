package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.StandardErrorCode;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.storage.embedded.StorageFaults;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk end to end ({@link StorageFaults} stands in for one): while the store's writes fail, a client's send
 * fails with STORAGE_UNAVAILABLE (33010), a server-API publish with HTTP 503 and 33010, and {@code /health/ready}
 * answers 503 NOT_READY naming STORAGE_FAILING; once writes succeed again the same server takes sends without a
 * restart and is READY; after a restart every acknowledged message reaches the recipient, and the failed ones do not.
 */
class StorageFailureTest {
    private static final String FULL = "No space left on device";

    @TempDir
    Path dataDir;

    EmbeddedParley server;

    @AfterEach
    void stop() {
        StorageFaults.clear(dataDir);
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> ready() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String send(ImClient client, String text) throws Exception {
        return client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"" + text + "\"}").get(30, TimeUnit.SECONDS)
                .messageUid();
    }

    @Test
    void aFullDiskFailsSendsAndReadinessUntilWritesSucceedThenTheSameServerRecovers() throws Exception {
        server = EmbeddedParley.start(dataDir);
        List<String> acked = new ArrayList<>();
        try (ImClient alice = server.client("alice", "alice-phone", "Android").build()) {
            alice.connect().join();
            for (int i = 0; i < 3; i++) {
                acked.add(send(alice, "before " + i));
            }
            assertThat(ready().statusCode()).isEqualTo(200);

            StorageFaults.inject(dataDir, StorageFaults.Kind.LOG_WRITE, FULL);
            CompletableFuture<SendResult> refused = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"lost\"}");
            assertThat(refused).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(ImClientException.class, e ->
                            assertThat(e.code()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE.code()));
            ServerApiClient.Answer published = server.serverApi().post("/message/private/publish.json",
                    "fromUserId", "ops", "toUserId", "bob", "objectName", "RC:TxtMsg", "content",
                    "{\"content\":\"lost too\"}");
            assertThat(published.status()).isEqualTo(503);
            assertThat(published.code()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE.code());
            HttpResponse<String> failing = ready();
            assertThat(failing.statusCode()).isEqualTo(503);
            assertThat(failing.body()).contains("\"status\":\"NOT_READY\"").contains("STORAGE_FAILING").contains(FULL);

            StorageFaults.clear(dataDir);
            await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 200);
            for (int i = 0; i < 3; i++) {
                acked.add(send(alice, "after " + i));
            }
        }

        server.restart();
        Device bob = Device.connect(server, "bob", "bob-phone", "iOS");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> bob.received.size() >= acked.size());
            assertThat(bob.received).extracting(ReceivedMessage::messageUid).containsExactlyElementsOf(acked);
            assertThat(bob.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        } finally {
            bob.close();
        }
    }
}
