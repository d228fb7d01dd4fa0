package io.parley.testkit.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A plain HTTP/1.1 fake server on 127.0.0.1 with a free port, on the JDK's own server. */
final class JdkFakeServer implements FakeServer {
    private final HttpServer server;
    private final ExecutorService executor;

    JdkFakeServer(Handler handler, String name) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", http -> {
            try {
                handler.handle(new JdkExchange(http));
            } finally {
                http.close();
            }
        });
        server.start();
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static final class JdkExchange extends Exchange {
        private final HttpExchange http;
        private final String body;

        JdkExchange(HttpExchange http) throws IOException {
            this.http = http;
            this.body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public String method() {
            return http.getRequestMethod();
        }

        @Override
        public String path() {
            return http.getRequestURI().getPath();
        }

        @Override
        public String header(String name) {
            String value = http.getRequestHeaders().getFirst(name);
            return value == null ? "" : value;
        }

        @Override
        public String body() {
            return body;
        }

        @Override
        public void respond(int status, String json, Map<String, String> headers) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            headers.forEach((name, value) -> http.getResponseHeaders().set(name, value));
            http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                http.getResponseBody().write(bytes);
            }
        }
    }
}
