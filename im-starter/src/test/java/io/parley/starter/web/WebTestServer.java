package io.parley.starter.web;

import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.HttpEndpointFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An isolated server on 127.0.0.1 (ephemeral ports, data in a temp folder) with endpoint factories, and an HTTP client. */
final class WebTestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final int TIMEOUT_MILLIS = 20_000;

    /** A plain answer: status, headers by lower-case name, body. */
    record Reply(int status, Map<String, String> headers, String body) {
    }

    final ParleyServer server;

    WebTestServer(Path dataDir, Map<String, String> config, HttpEndpointFactory... factories) {
        this(dataDir, config, Clock.systemUTC(), factories);
    }

    WebTestServer(Path dataDir, Map<String, String> config, Clock clock, HttpEndpointFactory... factories) {
        Parley.Builder builder = Parley.builder().isolated().clock(clock)
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

    /**
     * {@code GET path} from the loopback address {@code sourceAddress} (Linux answers all of 127.0.0.0/8 on the
     * loopback interface), so that a test can be several callers; one request per connection.
     */
    Reply getFrom(String sourceAddress, String path, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort()
                    + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Reply parse(String response) {
        int headersEnd = response.indexOf("\r\n\r\n");
        String[] lines = response.substring(0, headersEnd).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(headersEnd + 4));
    }

    @Override
    public void close() {
        server.stop();
    }
}
