package io.parley.api.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Which live nodes hold each user's devices. The kernel calls {@link #attach} when a user's first device
 * connects to this node and {@link #detach} when its last one leaves; entries of a node that stops heartbeating
 * stop counting within {@link LocalNode#entryTtl()}. Thread-safe.
 */
public interface SessionDirectory {

    /** This node now holds a device of {@code userId}. Non-blocking: may be written asynchronously, in call order. */
    void attach(String userId);

    /** This node holds no device of {@code userId} anymore. Non-blocking, ordered after earlier attaches. */
    void detach(String userId);

    /**
     * The live nodes, this one included, that hold a device of each listed user; a user on no node is absent
     * from the map. May block on the network: never call it from an event loop.
     *
     * @throws IllegalStateException when the directory cannot be read (the store is down)
     */
    Map<String, Set<String>> locate(Collection<String> userIds);
}
