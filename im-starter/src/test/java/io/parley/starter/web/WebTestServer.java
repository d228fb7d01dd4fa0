package io.parley.starter.web;

import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.http.HttpEndpointFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** An isolated server on 127.0.0.1 (ephemeral ports, data in a temp folder) with endpoint factories, and an HTTP client. */
final class WebTestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final ParleyServer server;

    WebTestServer(Path dataDir, Map<String, String> config, HttpEndpointFactory... factories) {
        Parley.Builder builder = Parley.builder().isolated()
                .config("http.port", "0").config("tcp.port", "0").config("bind.host", "127.0.0.1")
                .config("data.dir", dataDir.toString()).config("app.key", "web-key").config("app.secret", "web-secret")
                .config("moderation.rate.client.per-second", "0")
                .config(config);
        for (HttpEndpointFactory factory : factories) {
            builder.httpEndpoints(factory);
        }
        server = builder.build().start();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
    }

    @Override
    public void close() {
        server.stop();
    }
}
