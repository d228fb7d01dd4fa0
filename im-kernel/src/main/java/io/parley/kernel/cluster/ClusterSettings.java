package io.parley.kernel.cluster;

import io.parley.api.error.ImException;
import io.parley.kernel.config.TrackedConfig;
import java.time.Duration;
import java.util.UUID;

/**
 * The kernel's {@code cluster.*} keys: {@code provider} ({@code local} by default), {@code node-id} (a random id
 * by default, fine for nodes that keep no per-node state; set it to keep a node's identity across restarts) and
 * {@code heartbeat} (5 s; a dead node's directory entries stop counting after three missed heartbeats).
 */
public record ClusterSettings(String provider, String nodeId, Duration heartbeat) {
    public ClusterSettings {
        if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ImException.invalidParameter("cluster.node-id must be 1 to 64 letters, digits, '.', '_' or '-': "
                    + nodeId);
        }
        if (heartbeat.compareTo(Duration.ofMillis(100)) < 0 || heartbeat.compareTo(Duration.ofMinutes(5)) > 0) {
            throw ImException.invalidParameter("cluster.heartbeat must be between 100ms and 5m: " + heartbeat);
        }
    }

    public static ClusterSettings read(TrackedConfig config) {
        return new ClusterSettings(config.get("cluster.provider", "local"),
                config.get("cluster.node-id", "node-" + UUID.randomUUID().toString().substring(0, 8)),
                config.getDuration("cluster.heartbeat", Duration.ofSeconds(5)));
    }
}
