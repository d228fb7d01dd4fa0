package io.parley.api.cluster;

/**
 * Opaque payloads from one node to another: DELIVER hints, plugin event fan-outs, chatroom broadcasts and kicks,
 * which the kernel encodes. At most once and best effort: a payload lost on the way is repaired by the client's
 * SYNC. Payloads from one sender to one receiver arrive in the order they were sent. Thread-safe.
 */
public interface ClusterBus {

    /** Sends {@code payload} to node {@code nodeId}. Non-blocking; a failure is counted and logged, not thrown. */
    void send(String nodeId, byte[] payload);

    /**
     * Sends {@code payload} to every live node, this one included (the receiver recognises its own). Non-blocking;
     * a failure is counted and logged, not thrown.
     */
    void broadcast(byte[] payload);
}
