package io.parley.kernel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.kernel.Parley;
import io.parley.kernel.config.TrackedConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    @Test
    void defaultsToOneLocalNodeWithARandomId() {
        ClusterSettings first = ClusterSettings.read(TrackedConfig.of(Map.of()));
        ClusterSettings second = ClusterSettings.read(TrackedConfig.of(Map.of()));

        assertThat(first.provider()).isEqualTo("local");
        assertThat(first.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(first.nodeId()).startsWith("node-").isNotEqualTo(second.nodeId());
    }

    @Test
    void readsGivenValues() {
        ClusterSettings settings = ClusterSettings.read(TrackedConfig.of(Map.of("cluster.provider", "redis",
                "cluster.node-id", "node-a", "cluster.heartbeat", "2s")));

        assertThat(settings).isEqualTo(new ClusterSettings("redis", "node-a", Duration.ofSeconds(2)));
    }

    @Test
    void refusesBadNodeIdsAndHeartbeats() {
        assertThatThrownBy(() -> ClusterSettings.read(TrackedConfig.of(Map.of("cluster.node-id", "node a"))))
                .isInstanceOf(ImException.class).hasMessageContaining("cluster.node-id must be");
        assertThatThrownBy(() -> ClusterSettings.read(TrackedConfig.of(Map.of("cluster.heartbeat", "10ms"))))
                .isInstanceOf(ImException.class).hasMessageContaining("cluster.heartbeat must be between 100ms and 5m");
    }

    @Test
    void aProviderThatIsNotInstalledFailsStartupNamingTheInstalledOnes() {
        var builder = Parley.builder().isolated().config(Map.of("storage.provider", "memory", "http.port", "0",
                "tcp.port", "0", "bind.host", "127.0.0.1", "cluster.provider", "redis")).build();

        assertThatThrownBy(builder::start).isInstanceOf(ImException.class)
                .hasMessageContaining("cluster.provider=redis names no installed ClusterProvider (installed: local)");
    }
}
