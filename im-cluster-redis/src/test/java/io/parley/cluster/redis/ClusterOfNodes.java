package io.parley.cluster.redis;

import io.parley.testkit.EmbeddedParley;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several Parley nodes in this JVM, each with its own ports, all on one PostgreSQL schema and one Redis key prefix,
 * with the same app key and secret: a cluster as an operator would run it, on one machine.
 */
final class ClusterOfNodes implements AutoCloseable {
    private final String name = TestServices.uniqueName("cluster");
    private final List<EmbeddedParley> nodes = new ArrayList<>();
    private final Path dataDir;

    ClusterOfNodes(Path dataDir, int size, String... extraConfig) throws Exception {
        this(dataDir, java.util.Collections.nCopies(size, TestServices.REDIS_URI), extraConfig);
    }

    /** One node per Redis URI (a test may put a node behind a proxy it can cut). */
    ClusterOfNodes(Path dataDir, List<String> redisUris, String... extraConfig) throws Exception {
        TestServices.requirePostgres();
        TestServices.requireRedis();
        this.dataDir = dataDir;
        try {
            for (int i = 1; i <= redisUris.size(); i++) {
                nodes.add(startNode("n" + i, redisUris.get(i - 1), extraConfig));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private EmbeddedParley startNode(String nodeId, String redisUri, String... extraConfig) throws Exception {
        List<String> config = new ArrayList<>(List.of(
                "app.key", name, "app.secret", name + "-secret",
                "storage.provider", "postgres",
                "storage.postgres.url", TestServices.POSTGRES_URL,
                "storage.postgres.user", TestServices.POSTGRES_USER,
                "storage.postgres.password", TestServices.POSTGRES_PASSWORD,
                "storage.postgres.schema", name,
                "cluster.provider", "redis",
                "cluster.redis.uri", redisUri,
                "cluster.redis.key-prefix", name,
                "cluster.node-id", nodeId,
                "cluster.heartbeat", "300ms",
                "group.notifications", "false"));
        config.addAll(List.of(extraConfig));
        return EmbeddedParley.start(Files.createDirectories(dataDir.resolve(nodeId)), config.toArray(String[]::new));
    }

    /** Node {@code i}, counted from 1. */
    EmbeddedParley node(int i) {
        return nodes.get(i - 1);
    }

    String redisPrefix() {
        return name;
    }

    @Override
    public void close() {
        nodes.forEach(EmbeddedParley::close);
        TestServices.dropSchema(name);
    }
}
