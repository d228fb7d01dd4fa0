package io.parley.plugin.routing;

import static io.parley.plugin.routing.RoutingTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code file} sink, chosen by config, writes one valid JSON object per line for messages and presence. */
class JsonLinesFileSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void awaitOutboxClosed() {
        RoutingTestSupport.awaitOutboxClosed(dir.resolve("data"));
    }

    @Test
    void messagesAndPresenceAreWrittenAsJsonLines() throws Exception {
        Path file = dir.resolve("out").resolve("routing.jsonl");
        try (EmbeddedParley server = EmbeddedParley.start(dir.resolve("data"), "routing.sink", "file",
                "routing.file.path", file.toString(), "routing.batch-size", "10")) {
            SendResult sent;
            try (ImClient alice = connect(server, "alice", "Android")) {
                sent = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"line\\nbreak\"}").get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> lines(file).size() >= 3);

            List<JsonNode> events = new ArrayList<>();
            for (String line : lines(file)) {
                events.add(JSON.readTree(line));
            }
            assertThat(events).allSatisfy(event -> {
                assertThat(event.path("id").asLong()).isPositive();
                assertThat(event.path("key").asText()).isNotEmpty();
                assertThat(event.path("occurredAt").asLong()).isPositive();
                assertThat(event.path("fields").isObject()).isTrue();
            });
            JsonNode message = events.stream().filter(event -> event.path("kind").asText().equals("message"))
                    .findFirst().orElseThrow();
            assertThat(message.path("key").asText()).isEqualTo("m:1/alice:bob");
            assertThat(message.path("fields").path("msgUID").asText()).isEqualTo(sent.messageUid());
            assertThat(message.path("fields").path("content").asText()).isEqualTo("{\"content\":\"line\\nbreak\"}");
            assertThat(events.stream().filter(event -> event.path("kind").asText().equals("presence"))
                    .map(event -> event.path("fields").path("status").asText()).toList())
                    .containsExactly("0", "1");
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
