package io.parley.bench.load;

import io.parley.bench.relay.RelayMain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One side of a run, ready to be connected to: a Parley or relay child process started here, or an external
 * server given by its ports (then {@link #pid()} is -1 and nothing is measured on the server's side). A Parley
 * child's data lives in a temporary directory, deleted when the child stops.
 */
public final class ServerUnderTest implements AutoCloseable {
    private final Target side;
    private final ServerProcess process;
    private final String host;
    private final int tcpPort;
    private final int httpPort;
    private final String appKey;
    private final String appSecret;
    private final List<String> notes = new ArrayList<>();
    private Path dataDir;

    private ServerUnderTest(Target side, ServerProcess process, String host, int tcpPort, int httpPort,
            String appKey, String appSecret) {
        this.side = side;
        this.process = process;
        this.host = host;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    /** Starts (or points at) the server of {@code side} for {@code options}. */
    public static ServerUnderTest open(Target side, LoadOptions options, Path runDir)
            throws IOException, InterruptedException {
        return side == Target.PARLEY ? parley(options, runDir) : relay(options, runDir);
    }

    private static ServerUnderTest parley(LoadOptions o, Path runDir) throws IOException, InterruptedException {
        if (o.tcpPort() > 0) {
            return new ServerUnderTest(Target.PARLEY, null, o.host(), o.tcpPort(), o.httpPort(), o.appKey(),
                    o.appSecret());
        }
        Path jar = o.serverJar();
        ServerProcess.requireJar(jar);
        int tcp = ServerProcess.freePort();
        int http = ServerProcess.freePort();
        String secret = "bench-secret-" + UUID.randomUUID();
        Path data = Files.createTempDirectory("parley-bench-data-");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_BIND_HOST", "127.0.0.1");
        env.put("PARLEY_TCP_PORT", Integer.toString(tcp));
        env.put("PARLEY_HTTP_PORT", Integer.toString(http));
        env.put("PARLEY_DATA_DIR", data.toString());
        env.put("PARLEY_APP_KEY", o.appKey());
        env.put("PARLEY_APP_SECRET", secret);
        env.put("PARLEY_STORAGE_EMBEDDED_DURABILITY", o.durability());
        env.put("PARLEY_MODERATION_RATE_CLIENT_PER_SECOND", "0");
        env.put("PARLEY_MODERATION_RATE_SERVER_API_ENABLED", "false");
        env.put("PARLEY_GROUP_MAX_MEMBERS", Integer.toString(Math.max(3000, o.connections())));
        env.put("PARLEY_GROUP_NOTIFICATIONS", "false");
        env.put("PARLEY_CHATROOM_MAX_MESSAGES_PER_SECOND", "1000000");
        env.putAll(o.serverEnv());
        List<String> main = List.of("-jar", jar.toAbsolutePath().toString());
        ServerProcess process = ServerProcess.start("parley", o.serverJvmArgs(), main, env, ServerProcess.PARLEY_READY,
                runDir.resolve("parley-server.log"));
        ServerUnderTest server = new ServerUnderTest(Target.PARLEY, process, "127.0.0.1", tcp, http, o.appKey(),
                secret);
        server.notes.add("parley child: java " + String.join(" ", o.serverJvmArgs()) + " -jar " + jar
                + " with " + env.keySet().stream().filter(k -> !k.contains("SECRET")).map(k -> k + "=" + env.get(k))
                        .toList());
        server.dataDir = data;
        return server;
    }

    private static ServerUnderTest relay(LoadOptions o, Path runDir) throws IOException, InterruptedException {
        if (o.relayPort() > 0) {
            return new ServerUnderTest(Target.RELAY, null, o.host(), o.relayPort(), o.relayWsPort(), "relay",
                    "relay");
        }
        int tcp = ServerProcess.freePort();
        int ws = ServerProcess.freePort();
        List<String> main = List.of("-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
                "--host", "127.0.0.1", "--port", Integer.toString(tcp), "--ws-port", Integer.toString(ws));
        ServerProcess process = ServerProcess.start("relay", o.serverJvmArgs(), main, Map.of(), RelayMain.READY,
                runDir.resolve("relay-server.log"));
        ServerUnderTest server = new ServerUnderTest(Target.RELAY, process, "127.0.0.1", tcp, ws, "relay", "relay");
        server.notes.add("relay child: java " + String.join(" ", o.serverJvmArgs()) + " " + String.join(" ",
                main.subList(2, main.size())));
        return server;
    }

    public Target side() {
        return side;
    }

    /** The child's pid, or -1 for an external server. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean isAlive() {
        return process == null || process.isAlive();
    }

    /** Where clients connect: the TCP port, or the HTTP port for WebSocket. */
    public InetSocketAddress clientAddress(Transport transport) {
        return new InetSocketAddress(host, transport == Transport.WS ? httpPort : tcpPort);
    }

    /** The server API (Parley only). */
    public ApiClient api() {
        if (side != Target.PARLEY || httpPort <= 0) {
            throw new IllegalStateException("the server API needs Parley's HTTP port (--http-port)");
        }
        return new ApiClient("http://" + host + ":" + httpPort, appKey, appSecret);
    }

    public String appSecret() {
        return appSecret;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (dataDir != null) {
            ServerProcess.deleteTree(dataDir);
        }
    }
}
