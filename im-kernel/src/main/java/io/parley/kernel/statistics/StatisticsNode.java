package io.parley.kernel.statistics;

import static java.util.Objects.requireNonNull;

import io.parley.api.plugin.PluginConfig;

/**
 * This node's name in the statistics' rows: its {@code cluster.node-id} when set or when in a cluster, else
 * {@code local}, so that a server alone adds to its rows of the hour across restarts (its random node id changes).
 */
public record StatisticsNode(String name) {
    public StatisticsNode {
        requireNonNull(name, "name is null");
    }

    /**
     * @param distributed whether the cluster provider joins several nodes
     * @param nodeId this node's id ({@code cluster.node-id}, or the random one given when it is not set)
     */
    public static StatisticsNode of(PluginConfig root, boolean distributed, String nodeId) {
        return new StatisticsNode(distributed || root.get("cluster.node-id").isPresent() ? nodeId : "local");
    }
}
