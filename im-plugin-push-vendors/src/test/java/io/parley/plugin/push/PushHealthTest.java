package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.ImClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push vendors on the health checks, from the plugin's meters: a vendor that delivers is green with its last
 * success; one that fails after it is red (its last error came after its last success), and amber once it delivers
 * again; none of it takes the server out of readiness.
 */
class PushHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PushFixture fixture;

    @BeforeEach
    void start() {
        fixture = new PushFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private JsonNode xiaomi() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fixture.server.baseUrl() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
            if (check.path("group").asText().equals("push") && check.path("name").asText().equals("xiaomi")) {
                return check;
            }
        }
        return JSON.createObjectNode().put("level", "absent");
    }

    @Test
    void aVendorIsGreenAfterASuccessRedWhileFailingAfterItAndAmberOnceItDeliversAgain() throws Exception {
        fixture.registerAndGoOffline("bob", "ok-bob");
        ImClient alice = fixture.online("alice");

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"first\"}").join();
        JsonNode delivered = await().atMost(PATIENCE).until(this::xiaomi,
                check -> check.path("value").asText().startsWith("last success") && !check.path("value").asText()
                        .startsWith("last success none"));
        assertThat(delivered.path("level").asText()).isEqualTo("green");
        assertThat(delivered.path("value").asText()).endsWith("last error none since start");

        fixture.vendor.goDown();
        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"while down\"}").join();
        JsonNode failing = await().atMost(PATIENCE).until(this::xiaomi, check -> check.path("level").asText()
                .equals("red"));
        assertThat(failing.path("threshold").asText())
                .isEqualTo("amber after an error in the last 15 min; red when that error came after the last success");

        fixture.vendor.comeBack();
        await().atMost(PATIENCE).until(() -> fixture.vendor.pushesTo("ok-bob").size() >= 2);
        await().atMost(PATIENCE).until(this::xiaomi, check -> check.path("level").asText().equals("amber"));
    }
}
