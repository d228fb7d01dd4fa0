package io.parley.plugin.routing;

import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.webhook.ReceivedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the routing tests: connected clients, Prometheus metrics, routed msgUIDs. */
final class RoutingTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RoutingTestSupport() {
    }

    static ImClient connect(EmbeddedParley server, String userId, String platform) throws Exception {
        ImClient client = server.client(userId, userId + "-device", platform)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build();
        client.connect().get(10, TimeUnit.SECONDS);
        return client;
    }

    /**
     * Waits until the plugin has closed the outbox under {@code dataDir} after the server stopped (it closes
     * asynchronously, see {@code RoutingRuntime}), so that the test's temporary folder can be deleted.
     */
    static void awaitOutboxClosed(Path dataDir) {
        Path file = dataDir.resolve("routing").resolve("outbox.mapdb");
        await().atMost(Duration.ofSeconds(10)).until(() -> RoutingRuntime.openAt(file).isEmpty());
    }

    /** The value of a Prometheus sample, e.g. {@code im_routing_delivered_total{kind="message"}}; 0 when absent. */
    static double metric(EmbeddedParley server, String name, String kind) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name + "{") && (kind == null || line.contains("kind=\"" + kind + "\""))) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
                if (kind == null && line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The distinct msgUIDs routed, in order of first arrival. */
    static List<String> routedUids(List<ReceivedRequest> requests) {
        LinkedHashSet<String> uids = new LinkedHashSet<>();
        requests.forEach(request -> request.formField("msgUID").ifPresent(uids::add));
        return new ArrayList<>(uids);
    }

    /** The distinct msgUIDs routed for the conversation of {@code from} and {@code to}, in order of first arrival. */
    static List<String> routedUids(List<ReceivedRequest> requests, String from, String to) {
        return routedUids(requests.stream()
                .filter(request -> request.formField("fromUserId").orElse("").equals(from)
                        && request.formField("toUserId").orElse("").equals(to))
                .toList());
    }
}
