package io.parley.testkit;

import io.parley.client.ClientTls;
import io.parley.client.ImClient;
import io.parley.client.ImClientBuilder;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.api.plugin.ImPlugin;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Parley server for tests: bound to 127.0.0.1 on free ports, embedded storage (message log + MapDB)
 * in the given folder, plugins found on the class path, environment ignored. {@link #restart()} stops it and
 * starts it again on the same ports and data, so that connected clients reconnect by themselves.
 */
public final class EmbeddedParley implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Map<String, String> config;
    private final String appKey;
    private final String appSecret;
    private ParleyServer server;

    private EmbeddedParley(Map<String, String> config) {
        this.config = config;
        this.appKey = config.get("app.key");
        this.appSecret = config.get("app.secret");
        this.server = Parley.builder().isolated().config(config).build().start();
        // Pin the ports chosen by the first start, so that a restart comes back where clients expect it.
        config.put("http.port", String.valueOf(server.httpPort()));
        config.put("tcp.port", String.valueOf(server.tcpPort()));
    }

    /**
     * Functional tests send faster than a person types; when the moderation plugin is on the class path its
     * rate limits would refuse them, so they are lifted: the client limit unless a test sets it itself, and every
     * server-API limit unless a test sets any {@code moderation.rate.server-api.*} key (then the others keep their
     * defaults: set {@code moderation.rate.server-api.enabled=true} to test the defaults alone).
     */
    private static void relaxRateLimits(Map<String, String> config, String... extraConfig) {
        config.put("moderation.rate.client.per-second", "0");
        for (int i = 0; i < extraConfig.length; i += 2) {
            if (extraConfig[i].startsWith("moderation.rate.server-api.")) {
                return;
            }
        }
        config.put("moderation.rate.server-api.enabled", "false");
    }

    /** Starts a server with data in {@code dataDir}; {@code extraConfig} is key, value, key, value… */
    public static EmbeddedParley start(Path dataDir, String... extraConfig) {
        int instance = INSTANCES.incrementAndGet();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("http.port", "0");
        config.put("tcp.port", "0");
        config.put("bind.host", "127.0.0.1");
        config.put("data.dir", dataDir.toString());
        // A distinct key and secret per instance: RongCloud's SDK caches clients by key and secret.
        config.put("app.key", "test-key-" + instance + "-" + ProcessHandle.current().pid());
        config.put("app.secret", "test-secret-" + instance);
        if (pluginInstalled("moderation")) {
            relaxRateLimits(config, extraConfig);
        }
        for (int i = 0; i < extraConfig.length; i += 2) {
            config.put(extraConfig[i], extraConfig[i + 1]);
        }
        return new EmbeddedParley(config);
    }

    private static boolean pluginInstalled(String name) {
        for (ImPlugin plugin : ServiceLoader.load(ImPlugin.class)) {
            if (plugin.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public ParleyServer server() {
        return server;
    }

    public int tcpPort() {
        return server.tcpPort();
    }

    public int httpPort() {
        return server.httpPort();
    }

    /** The HTTP port's URL: {@code https://localhost:…} (the test certificates' name) when it speaks TLS. */
    public String baseUrl() {
        return (server.tls() ? "https://localhost:" : "http://127.0.0.1:") + httpPort();
    }

    /** An HTTP client for this server: over TLS, one that trusts its certificate ({@code tls.cert-file}). */
    public HttpClient httpClient() {
        return server.tls() ? HttpClient.newBuilder().sslContext(TestCertificates.trusting(certFile())).build()
                : HttpClient.newHttpClient();
    }

    private Path certFile() {
        return Path.of(config.get("tls.cert-file"));
    }

    public String appKey() {
        return appKey;
    }

    public String appSecret() {
        return appSecret;
    }

    public ServerApiClient serverApi() {
        return new ServerApiClient(baseUrl(), appKey, appSecret, httpClient());
    }

    /**
     * A client builder pointed at this server with a fresh token for {@code userId}; over TLS, to {@code localhost},
     * trusting the server's certificate.
     */
    public ImClientBuilder client(String userId, String deviceId, String platform) {
        ImClientBuilder builder = ImClient.builder().token(serverApi().token(userId)).deviceId(deviceId)
                .platform(platform);
        return server.tls() ? builder.address("localhost", tcpPort()).tls(ClientTls.trusting(certFile()))
                : builder.address("127.0.0.1", tcpPort());
    }

    /** Stops cleanly and starts again on the same ports and data. */
    public void restart() {
        server.stop();
        server = Parley.builder().isolated().config(config).build().start();
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        server.stop();
    }
}
