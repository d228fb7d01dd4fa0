package io.parley.kernel.e2e;

import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts a real server on 127.0.0.1, ports 0, with embedded storage in a test's temp folder. */
final class TestServers {
    static final String APP_KEY = "kernel-test-key";
    static final String APP_SECRET = "kernel-test-secret";

    private TestServers() {
    }

    static ParleyServer start(Path dataDir, String... extraConfig) {
        Map<String, String> config = new HashMap<>(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1",
                "data.dir", dataDir.toString(), "app.key", APP_KEY, "app.secret", APP_SECRET));
        for (int i = 0; i < extraConfig.length; i += 2) {
            config.put(extraConfig[i], extraConfig[i + 1]);
        }
        return Parley.builder().isolated().discoverPlugins(false).config(config).build().start();
    }

    static ServerApiCaller api(ParleyServer server) {
        return new ServerApiCaller(server.httpPort(), APP_KEY, APP_SECRET);
    }
}
