package io.parley.kernel.cluster;

import io.parley.api.cluster.ClusterBus;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.LocalNode;
import io.parley.api.cluster.SessionDirectory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code local} cluster provider, the single-node default: the directory is this node's users in memory and
 * the bus has no other node to reach. {@link #distributed()} is false, so the kernel never consults either on the
 * delivery path. Thread-safe.
 */
public final class LocalClusterProvider implements ClusterProvider {
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private volatile String nodeId = "local";

    @Override
    public void join(LocalNode node) {
        nodeId = node.nodeId();
    }

    @Override
    public boolean distributed() {
        return false;
    }

    @Override
    public SessionDirectory directory() {
        return directory;
    }

    @Override
    public ClusterBus bus() {
        return bus;
    }

    @Override
    public void close() {
        users.clear();
    }

    private final SessionDirectory directory = new SessionDirectory() {
        @Override
        public void attach(String userId) {
            users.add(userId);
        }

        @Override
        public void detach(String userId) {
            users.remove(userId);
        }

        @Override
        public Map<String, Set<String>> locate(Collection<String> userIds) {
            Map<String, Set<String>> located = new HashMap<>();
            for (String userId : userIds) {
                if (users.contains(userId)) {
                    located.put(userId, Set.of(nodeId));
                }
            }
            return located;
        }
    };

    private final ClusterBus bus = new ClusterBus() {
        @Override
        public void send(String target, byte[] payload) {
            throw new IllegalStateException("the local cluster provider has no node " + target + " to send to");
        }

        @Override
        public void broadcast(byte[] payload) {
            // one node: no other node to reach
        }
    };
}
