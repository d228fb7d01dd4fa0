package io.parley.bench.load;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The figures of one side (Parley or the relay) of a load run; serialised into {@code result.json}.
 *
 * @param delivered stamped DELIVERs received by connections other than the sender's
 * @param echoes stamped DELIVERs received by the sending connection itself (Parley's own-device copy)
 * @param dropped commits that reached nobody (a chatroom's SEND_ACK with seq 0: overload)
 * @param deliverLatency intended send time to DELIVER read by a recipient
 * @param ackLatency send to SEND_ACK read by the sender (Parley: the durable commit)
 * @param probeAckLatency the acks of the storm scenario's private sender alone (empty in other scenarios)
 * @param perConnectionBytes memory growth divided by the connections: {@code rss}, {@code heap}, {@code direct}
 *     (NMT Other), {@code nmt} (NMT total), from a baseline taken after a first tenth (at most 500) of the
 *     connections to all connected, each after a full GC, divided by the connections opened in between
 * @param serverCpuSeconds the server process's CPU time (user + system, every thread) over the measured seconds
 * @param serverCpuMicrosPerDelivery {@code serverCpuSeconds} in microseconds divided by {@code delivered}: what one
 *     delivered message costs the server; -1 when unknown
 * @param hotMethods the server's most sampled top frames (JFR), when profiled
 */
public record RunResult(
        String target, String scenario, long serverPid, int connectionsRequested, int connected,
        double connectSeconds, double measuredSeconds,
        long sent, long acked, long delivered, long echoes, long otherDelivers, long dropped,
        double sentPerSecond, double ackedPerSecond, double deliveredPerSecond,
        Map<String, Long> errors, Map<Integer, Long> errorCodes,
        LatencySummary deliverLatency, LatencySummary ackLatency, LatencySummary probeAckLatency,
        MemorySnapshot memoryBefore, MemorySnapshot memoryConnected, MemorySnapshot memoryAfter,
        Map<String, Long> perConnectionBytes,
        double serverCpuPercent, double generatorCpuPercent, double serverCpuSeconds,
        double serverCpuMicrosPerDelivery,
        List<String> hotMethods, List<String> notes, List<SecondSample> series) {

    public RunResult {
        requireNonNull(target, "target is null");
        requireNonNull(scenario, "scenario is null");
        errors = Map.copyOf(errors);
        errorCodes = Map.copyOf(errorCodes);
        perConnectionBytes = Map.copyOf(perConnectionBytes);
        hotMethods = List.copyOf(hotMethods);
        notes = List.copyOf(notes);
        series = List.copyOf(series);
    }

    /** The headline throughput: deliveries a second, or acks a second when nothing is delivered. */
    public double throughput() {
        return deliveredPerSecond > 0 ? deliveredPerSecond : ackedPerSecond;
    }

    public long totalErrors() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
