package io.parley.bench.load;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a load run is told (see {@code docs/bench.md} and {@link LoadCommand} for each option).
 *
 * @param connections simulated devices (one user each); for fan-out scenarios, the members
 * @param senders connections that send; for private scenarios each sends to its pair partner
 * @param rate messages a second across all senders (open loop); 0 for closed loop
 * @param window sends each sender keeps in flight in closed loop
 * @param sourceAddresses 127.0.0.x addresses to spread connections over; 0 picks one per 25,000
 * @param tcpPort an external Parley's TCP port; 0 starts Parley as a child process
 * @param relayPort an external relay's port; 0 starts the relay as a child process
 */
public record LoadOptions(
        Scenario scenario, Target target, DriverKind driver, Transport transport,
        int connections, int senders, int rate, int window,
        int durationSeconds, int warmupSeconds, int padBytes, String objectName,
        int clientThreads, int connectConcurrency, int sourceAddresses,
        String host, int tcpPort, int httpPort, String appKey, String appSecret,
        int relayPort, int relayWsPort,
        @JsonSerialize(using = ToStringSerializer.class) Path serverJar, List<String> serverJvmArgs, Map<String, String> serverEnv,
        String durability, boolean jfr, boolean tokensViaApi, Path out) {

    /** Ephemeral ports one source address gives towards one server port, with Linux's default range. */
    public static final int CONNECTIONS_PER_SOURCE = 25_000;

    public LoadOptions {
        requireNonNull(scenario, "scenario is null");
        requireNonNull(target, "target is null");
        requireNonNull(driver, "driver is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(host, "host is null");
        requireNonNull(appKey, "appKey is null");
        requireNonNull(appSecret, "appSecret is null");
        requireNonNull(out, "out is null");
        serverJvmArgs = List.copyOf(serverJvmArgs);
        serverEnv = Map.copyOf(serverEnv);
        check(connections >= 2, "--connections must be at least 2");
        check(senders >= 1 && senders <= connections, "--senders must be 1..connections");
        check(rate >= 0, "--rate must not be negative");
        check(window >= 1, "--window must be at least 1");
        check(durationSeconds >= 1 && durationSeconds <= 3600, "--duration must be 1..3600 seconds");
        check(warmupSeconds >= 0 && warmupSeconds <= 600, "--warmup must be 0..600 seconds");
        check(padBytes >= 0 && padBytes <= 100_000, "--pad must be 0..100000 bytes");
        check(clientThreads >= 1, "--client-threads must be at least 1");
        check(connectConcurrency >= 1, "--connect-concurrency must be at least 1");
        check(sourceAddresses >= 0 && sourceAddresses <= 254, "--source-addresses must be 0..254");
        check(tcpPort >= 0 && httpPort >= 0 && relayPort >= 0 && relayWsPort >= 0, "ports must not be negative");
        check(host.startsWith("127."), "--host must be a loopback address (127.0.0.0/8)");
        check(scenario != Scenario.PRIVATE_OPEN || rate > 0, "private-open needs --rate");
        check(scenario != Scenario.STORM || (target == Target.PARLEY && connections >= 4 && senders < connections - 2),
                "storm runs against Parley alone (--target parley), with --senders below --connections - 2");
        check(scenario.fanOut() || scenario == Scenario.IDLE || scenario == Scenario.STORM || connections % 2 == 0,
                "private scenarios pair connections: --connections must be even");
        check(durability.equals("fsync") || durability.equals("commit-no-sync") || durability.equals("memory"),
                "--durability must be fsync, commit-no-sync or memory");
    }

    /** Whether messages are sent at a target rate (open loop) rather than as fast as acks come back. */
    public boolean openLoop() {
        return scenario == Scenario.PRIVATE_OPEN || scenario == Scenario.STORM || (scenario.fanOut() && rate > 0);
    }

    public int effectiveSourceAddresses() {
        return sourceAddresses > 0 ? sourceAddresses
                : Math.max(1, (connections + CONNECTIONS_PER_SOURCE - 1) / CONNECTIONS_PER_SOURCE);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
