package io.parley.testkit.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local stand-in for an app server that receives Parley's callbacks and webhooks: a real HTTP server on
 * 127.0.0.1, port 0. It records every request and answers with what the test chose per path (200 "OK" by
 * default). It can be taken down ({@link #goDown()}: connections are refused) and brought back
 * ({@link #comeBack()}) on the same port, to test retries.
 */
public final class FakeAppServer implements AutoCloseable {
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<ReceivedRequest, FakeResponse>> responders = new ConcurrentHashMap<>();
    private volatile Function<ReceivedRequest, FakeResponse> defaultResponder = request -> FakeResponse.ok();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-app-server");
        thread.setDaemon(true);
        return thread;
    });
    private HttpServer server;
    private int port;

    private FakeAppServer() {
    }

    public static FakeAppServer start() {
        FakeAppServer fake = new FakeAppServer();
        fake.bind(0);
        return fake;
    }

    private void bind(int wantedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the fake app server", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** Answers requests to {@code path} with {@code responder}. */
    public FakeAppServer respond(String path, Function<ReceivedRequest, FakeResponse> responder) {
        responders.put(path, responder);
        return this;
    }

    /** Answers requests to every path without its own responder. */
    public FakeAppServer respondByDefault(Function<ReceivedRequest, FakeResponse> responder) {
        defaultResponder = responder;
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<ReceivedRequest> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    public void clear() {
        requests.clear();
    }

    /** Stops listening: new connections are refused until {@link #comeBack()}. */
    public void goDown() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void comeBack() {
        bind(port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        ReceivedRequest request = new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                ReceivedRequest.parseQuery(exchange.getRequestURI()), Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRequestHeaders().getFirst("Content-Type"), new String(bytes, StandardCharsets.UTF_8),
                System.currentTimeMillis());
        requests.add(request);
        FakeResponse response = responders.getOrDefault(request.path(), defaultResponder).apply(request);
        try {
            if (!response.delay().isZero()) {
                Thread.sleep(response.delay().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (response.dropConnection()) {
            exchange.close();
            return;
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
