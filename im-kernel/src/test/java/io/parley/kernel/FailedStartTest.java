package io.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails late (the TCP port is taken, after storage, the cluster and the plugins were opened) closes
 * what had opened: the plugins' stop hooks run and the data folder is released, so a server starts on it next.
 */
class FailedStartTest {
    @TempDir
    Path dataDir;

    private final AtomicInteger pluginResourcesClosed = new AtomicInteger();

    private final ImPlugin plugin = new ImPlugin() {
        @Override
        public String name() {
            return "failed-start-test";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            context.onStop(pluginResourcesClosed::incrementAndGet);
            return new PluginInstance() {
            };
        }
    };

    private ParleyServer server(String tcpPort) {
        return Parley.builder().isolated().discoverPlugins(false).plugin(plugin)
                .config(Map.of("http.port", "0", "tcp.port", tcpPort, "bind.host", "127.0.0.1",
                        "data.dir", dataDir.toString()))
                .build();
    }

    @Test
    void aLateFailureClosesWhatHadOpened() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> server(String.valueOf(taken.getLocalPort())).start())
                    .as("the TCP port is taken");
        }
        assertThat(pluginResourcesClosed).as("the plugin's stop hook ran").hasValue(1);

        ParleyServer next = server("0").start();
        try {
            assertThat(next.tcpPort()).as("the data folder was released").isPositive();
        } finally {
            next.stop();
        }
        assertThat(pluginResourcesClosed).hasValue(2);
    }
}
