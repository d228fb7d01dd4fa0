package io.parley.api.cluster;

/**
 * A plugin's channel to the same plugin on every other node of the cluster: what one node publishes, each other
 * live node's receiver (given to {@link io.parley.api.plugin.PluginContext#clusterTopic}) gets once. At most once
 * and best effort, like the {@link ClusterBus} it rides on: a plugin must be correct without it (clients repair
 * what they miss by SYNC). Payloads from one node arrive at another in the order they were published. Offered
 * only when several nodes serve the app. Thread-safe.
 */
public interface ClusterTopic {

    /** Sends {@code payload} to every other live node. Non-blocking; a failure is counted and logged, not thrown. */
    void publish(byte[] payload);
}
