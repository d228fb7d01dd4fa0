package io.parley.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Parley meter ({@code im_*}) that {@code /metrics} shows has a description on its {@code # HELP} line: the
 * kernel's, the starter's and those of every plugin on the class path, once a message has gone through.
 */
class MetricsHelpTest {
    private static final Pattern HELP = Pattern.compile("^# HELP (\\S+)(?: (.*))?$");

    @TempDir
    Path dataDir;

    @Test
    void everyImMeterHasAHelpText() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir)) {
            List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
            try (ImClient bob = server.client("bob", "bob-phone", "iOS").build();
                    ImClient ann = server.client("ann", "ann-phone", "Android").build()) {
                bob.addMessageListener(inbox::add);
                bob.connect().join();
                ann.connect().join();
                ann.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hi\"}").join();
                await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.isEmpty());
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/metrics")).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);

            List<String> parley = metrics.body().lines().filter(line -> line.startsWith("# HELP im_")).toList();
            assertThat(parley).as("the im_ meters' HELP lines").hasSizeGreaterThan(30)
                    .anyMatch(line -> line.startsWith("# HELP im_messages_committed_total "))
                    .anyMatch(line -> line.startsWith("# HELP im_storage_commit_records_total "))
                    .anyMatch(line -> line.startsWith("# HELP im_chatroom_rooms "));
            List<String> undescribed = parley.stream().filter(line -> {
                Matcher help = HELP.matcher(line);
                return help.matches() && (help.group(2) == null || help.group(2).isBlank());
            }).toList();
            assertThat(undescribed).as("im_ meters without a description: describe them where they are registered"
                    + " (Meters.counter/gauge in the kernel, PluginMetrics.describe in a plugin)").isEmpty();
        }
    }
}
