package io.parley.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley-bench.jar load …}: the load generator's command line (picocli). */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a load scenario against Parley and the bare relay (each a child JVM) and reports both.")
public final class LoadCommand implements Callable<Integer> {
    /** Messages a second each storm sender sends: the moderation plugin's default client limit. */
    static final int STORM_PER_SENDER_RATE = 5;

    @Option(names = "--scenario", required = true,
            description = "idle, private-open, private-closed, group, chatroom, storm")
    String scenario;
    @Option(names = "--target", defaultValue = "both", description = "parley, relay or both (default: ${DEFAULT-VALUE})")
    String target;
    @Option(names = "--driver", defaultValue = "lean", description = "lean (raw protocol) or sdk (ImClient)")
    String driver;
    @Option(names = "--transport", defaultValue = "tcp", description = "tcp or ws (lean driver only)")
    String transport;
    @Option(names = {"-c", "--connections"}, defaultValue = "1000", description = "connections; the members in fan-out")
    int connections;
    @Option(names = "--senders", defaultValue = "0",
            description = "sending connections; 0: all (private-open), 200 (private-closed), 1 (fan-out)")
    int senders;
    @Option(names = "--rate", defaultValue = "0", description = "messages/s in total, open loop; 0: closed loop")
    int rate;
    @Option(names = "--window", defaultValue = "4", description = "sends in flight per sender in closed loop")
    int window;
    @Option(names = {"-d", "--duration"}, defaultValue = "20", description = "measured seconds")
    int duration;
    @Option(names = "--warmup", defaultValue = "10", description = "seconds of load before measuring")
    int warmup;
    @Option(names = "--pad", defaultValue = "40", description = "padding bytes in each message's content")
    int pad;
    @Option(names = "--object-name", defaultValue = "RC:TxtMsg")
    String objectName;
    @Option(names = "--client-threads", defaultValue = "1", description = "the generator's event loops")
    int clientThreads;
    @Option(names = "--connect-concurrency", defaultValue = "256", description = "connects in flight")
    int connectConcurrency;
    @Option(names = "--source-addresses", defaultValue = "0",
            description = "bind connections to 127.0.0.1..127.0.0.N; 0: one address per 25,000 connections")
    int sourceAddresses;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "external server host (loopback only)")
    String host;
    @Option(names = "--tcp-port", defaultValue = "0", description = "external Parley's TCP port; 0 starts a child")
    int tcpPort;
    @Option(names = "--http-port", defaultValue = "0", description = "external Parley's HTTP port")
    int httpPort;
    @Option(names = "--app-key", defaultValue = "parley-bench-key")
    String appKey;
    @Option(names = "--app-secret", defaultValue = "", description = "external Parley's app secret")
    String appSecret;
    @Option(names = "--relay-port", defaultValue = "0", description = "external relay's TCP port; 0 starts a child")
    int relayPort;
    @Option(names = "--relay-ws-port", defaultValue = "0", description = "external relay's WebSocket port")
    int relayWsPort;
    @Option(names = "--server-jar", defaultValue = "im-starter/target/parley-server.jar")
    Path serverJar;
    @Option(names = "--server-jvm-args", defaultValue = "-Xmx1g -XX:+UseG1GC -XX:NativeMemoryTracking=summary",
            description = "JVM options of both child servers (default: ${DEFAULT-VALUE})")
    String serverJvmArgs;
    @Option(names = "--server-env", description = "extra KEY=VALUE for the Parley child (repeatable)")
    List<String> serverEnv = new ArrayList<>();
    @Option(names = "--durability", defaultValue = "fsync", description = "fsync, commit-no-sync or memory (no storage)")
    String durability;
    @Option(names = "--jfr", description = "profile each server with JFR during the measured seconds")
    boolean jfr;
    @Option(names = "--tokens", defaultValue = "local", description = "local (HMAC with the secret) or api")
    String tokens;
    @Option(names = "--out", description = "output directory (default: bench-results/<scenario>-<time>)")
    Path out;

    @Override
    public Integer call() throws Exception {
        LoadOptions options = toOptions();
        new LoadRunner(options, System.err).run();
        return 0;
    }

    LoadOptions toOptions() {
        Scenario s = Scenario.parse(scenario);
        int effectiveSenders = senders > 0 ? senders : switch (s) {
            case PRIVATE_OPEN, IDLE -> connections;
            case PRIVATE_CLOSED -> Math.min(connections, 200);
            case GROUP, CHATROOM -> 1;
            case STORM -> 30;
        };
        // a storm's senders each send at the client limit (5/s), and so does the private probe, weighted
        int effectiveRate = s == Scenario.STORM && rate == 0
                ? STORM_PER_SENDER_RATE * (effectiveSenders + LoadRunner.PROBE_WEIGHT) : rate;
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : serverEnv) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--server-env needs KEY=VALUE, not " + pair);
            }
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        Path jar = serverJar;
        if (!Files.exists(jar) && !jar.isAbsolute() && Files.exists(Path.of("..").resolve(jar))) {
            jar = Path.of("..").resolve(jar);
        }
        Path dir = out != null ? out : Path.of("bench-results", s.cliName() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (tcpPort > 0 && appSecret.isEmpty()) {
            throw new IllegalArgumentException("an external Parley (--tcp-port) needs --app-secret");
        }
        return new LoadOptions(s, Target.valueOf(target.toUpperCase()), DriverKind.valueOf(driver.toUpperCase()),
                Transport.valueOf(transport.toUpperCase()), connections, effectiveSenders, effectiveRate, window, duration,
                warmup, pad, objectName, clientThreads, connectConcurrency, sourceAddresses, host, tcpPort, httpPort,
                appKey, appSecret.isEmpty() ? "unused" : appSecret, relayPort, relayWsPort, jar,
                List.of(serverJvmArgs.trim().split("\\s+")), env, durability, jfr, tokens.equals("api"), dir);
    }
}
