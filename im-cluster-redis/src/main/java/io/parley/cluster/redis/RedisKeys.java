package io.parley.cluster.redis;

/**
 * The Redis keys of one cluster, all under one prefix: a node's liveness key (expires unless heartbeated), a
 * user's set of nodes, a node's set of users (to clean up after it), a node's pub/sub channel, and the shared
 * counters, rate windows and keys remembered once.
 */
record RedisKeys(String prefix) {

    /** A hash of node id to its last heartbeat (epoch ms), for the health checks. */
    String nodes() {
        return prefix + ":nodes";
    }

    String nodeAlive(String nodeId) {
        return prefix + ":node:" + nodeId + ":alive";
    }

    String nodeUsers(String nodeId) {
        return prefix + ":node:" + nodeId + ":users";
    }

    String userNodes(String userId) {
        return prefix + ":user:" + userId + ":nodes";
    }

    String rateWindow(String key) {
        return prefix + ":rate:" + key;
    }

    String once(String key) {
        return prefix + ":once:" + key;
    }

    String counter(String key) {
        return prefix + ":counter:" + key;
    }

    String channel(String nodeId) {
        return prefix + ":bus:" + nodeId;
    }

    /** The channel every node listens to ({@code *} is never in a node id, so no node's own channel is named so). */
    String everyNode() {
        return prefix + ":bus:*all";
    }
}
