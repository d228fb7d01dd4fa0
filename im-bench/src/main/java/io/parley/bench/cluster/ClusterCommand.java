package io.parley.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.parley.bench.load.ApiClient;
import io.parley.bench.load.Machine;
import io.parley.bench.load.ServerProcess;
import io.parley.client.ImClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster}: the same closed-loop private-message load against 1 node and against N nodes (separate
 * processes from the shaded jar, all on one PostgreSQL database and one Redis), in one run, one after the other.
 * Users are spread round-robin over the nodes, so with N nodes about (N-1)/N of the deliveries cross nodes through
 * the Redis bus. Reports acks and deliveries per second and delivery latency for each, and their ratios.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "1 node versus N nodes on PostgreSQL and Redis, same load, same run")
public final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--nodes", split = ",", defaultValue = "1,3", description = "node counts to run, in order")
    List<Integer> nodeCounts;
    @Option(names = "--users", defaultValue = "400", description = "connected users (one device each)")
    int users;
    @Option(names = "--senders", defaultValue = "100", description = "users that send")
    int senders;
    @Option(names = "--window", defaultValue = "4", description = "unacked sends per sender")
    int window;
    @Option(names = {"-d", "--duration"}, defaultValue = "20", description = "measured seconds")
    int durationSeconds;
    @Option(names = "--warmup", defaultValue = "5", description = "seconds before measuring")
    int warmupSeconds;
    @Option(names = "--server-jar", defaultValue = "im-starter/target/parley-server.jar")
    Path serverJar;
    @Option(names = "--postgres-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/parley_test")
    String postgresUrl;
    @Option(names = "--postgres-user", defaultValue = "parley")
    String postgresUser;
    @Option(names = "--postgres-password", defaultValue = "parley")
    String postgresPassword;
    @Option(names = "--redis-uri", defaultValue = "redis://127.0.0.1:6379")
    String redisUri;
    @Option(names = "--server-jvm-args", split = " ", defaultValue = "-Xmx512m")
    List<String> serverJvmArgs;
    @Option(names = "--out", description = "result folder (default bench-results/cluster-<time>)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path folder = out != null ? out : Path.of("bench-results", "cluster-" + Instant.now().getEpochSecond());
        Files.createDirectories(folder);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", Machine.describe());
        report.put("options", Map.of("nodes", nodeCounts, "users", users, "senders", senders, "window", window,
                "durationSeconds", durationSeconds, "warmupSeconds", warmupSeconds, "serverJvmArgs", serverJvmArgs));
        List<ClusterRun.Result> results = new ArrayList<>();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            for (int nodes : nodeCounts) {
                System.err.printf("[cluster] %d node(s): starting%n", nodes);
                ClusterRun.Result result = runOnce(nodes, folder, loops);
                System.err.printf("[cluster] %d node(s): %s%n", nodes, result);
                results.add(result);
            }
        } finally {
            loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
        report.put("runs", results);
        if (results.size() >= 2) {
            ClusterRun.Result first = results.get(0);
            ClusterRun.Result last = results.get(results.size() - 1);
            report.put("ratios", Map.of(
                    "acksPerSecond", last.acksPerSecond() / first.acksPerSecond(),
                    "deliveriesPerSecond", last.deliveriesPerSecond() / first.deliveriesPerSecond(),
                    "deliveryP50Millis", last.deliveryP50Millis() / first.deliveryP50Millis(),
                    "deliveryP99Millis", last.deliveryP99Millis() / first.deliveryP99Millis()));
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("result.json").toFile(),
                report);
        System.err.println("[cluster] wrote " + folder.resolve("result.json"));
        return 0;
    }

    private ClusterRun.Result runOnce(int nodeCount, Path folder, EventLoopGroup loops) throws Exception {
        String name = "bench_" + nodeCount + "n_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100_000;
        String appKey = "bench-key";
        String appSecret = "bench-secret-" + name;
        List<ServerProcess> nodes = new ArrayList<>();
        List<ImClient> clients = new ArrayList<>();
        try {
            List<ClusterRun.Node> addresses = new ArrayList<>();
            for (int i = 1; i <= nodeCount; i++) {
                int tcp = ServerProcess.freePort();
                int http = ServerProcess.freePort();
                Path data = Files.createDirectories(folder.resolve(name).resolve("n" + i));
                Map<String, String> env = new LinkedHashMap<>();
                env.put("PARLEY_BIND_HOST", "127.0.0.1");
                env.put("PARLEY_TCP_PORT", Integer.toString(tcp));
                env.put("PARLEY_HTTP_PORT", Integer.toString(http));
                env.put("PARLEY_DATA_DIR", data.toString());
                env.put("PARLEY_APP_KEY", appKey);
                env.put("PARLEY_APP_SECRET", appSecret);
                env.put("PARLEY_MODERATION_RATE_CLIENT_PER_SECOND", "0");
                env.put("PARLEY_STORAGE_PROVIDER", "postgres");
                env.put("PARLEY_STORAGE_POSTGRES_URL", postgresUrl);
                env.put("PARLEY_STORAGE_POSTGRES_USER", postgresUser);
                env.put("PARLEY_STORAGE_POSTGRES_PASSWORD", postgresPassword);
                env.put("PARLEY_STORAGE_POSTGRES_SCHEMA", name);
                env.put("PARLEY_CLUSTER_PROVIDER", "redis");
                env.put("PARLEY_CLUSTER_REDIS_URI", redisUri);
                env.put("PARLEY_CLUSTER_REDIS_KEY_PREFIX", name);
                env.put("PARLEY_CLUSTER_NODE_ID", "n" + i);
                nodes.add(ServerProcess.start("parley-n" + i, serverJvmArgs, List.of("-jar", serverJar.toString()), env,
                        ServerProcess.PARLEY_READY, folder.resolve(name + "-n" + i + ".log")));
                addresses.add(new ClusterRun.Node(tcp, new ApiClient("http://127.0.0.1:" + http, appKey, appSecret)));
            }
            return new ClusterRun(addresses, users, senders, window, loops, clients)
                    .run(nodeCount, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds));
        } finally {
            clients.forEach(ImClient::close);
            nodes.forEach(ServerProcess::close);
            try (Connection connection = DriverManager.getConnection(postgresUrl, postgresUser, postgresPassword);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
            }
        }
    }
}
