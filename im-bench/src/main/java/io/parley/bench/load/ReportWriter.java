package io.parley.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code result.json} (options, every side's {@link RunResult}, Parley-to-relay ratios), the charts,
 * and a short summary on the console.
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(LoadOptions options, List<LoadRunner.Side> sides, Path dir, PrintStream log)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", options.scenario().cliName());
        root.put("machine", Machine.describe());
        root.put("options", options);
        root.put("runs", sides.stream().map(LoadRunner.Side::result).toList());
        Map<String, Double> ratios = ratios(sides);
        root.put("ratiosParleyToRelay", ratios);
        root.put("charts", ChartWriter.write(options.scenario().cliName(), sides, dir).stream()
                .map(p -> p.getFileName().toString()).toList());
        Path file = dir.resolve("result.json");
        JSON.writeValue(file.toFile(), root);
        for (LoadRunner.Side side : sides) {
            RunResult r = side.result();
            log.printf(Locale.ROOT, "%-6s %s: connected %d/%d; sent %.0f/s acked %.0f/s delivered %.0f/s;"
                    + " deliver p50 %.2f p99 %.2f p99.9 %.2f ms; ack p50 %.2f p99 %.2f ms; errors %d %s;"
                    + " server cpu %.0f%% (%.1f µs per delivery), generator cpu %.0f%%; per connection %s%n",
                    r.target(), r.scenario(),
                    r.connected(), r.connectionsRequested(), r.sentPerSecond(), r.ackedPerSecond(),
                    r.deliveredPerSecond(), r.deliverLatency().p50Ms(), r.deliverLatency().p99Ms(),
                    r.deliverLatency().p999Ms(), r.ackLatency().p50Ms(), r.ackLatency().p99Ms(), r.totalErrors(),
                    r.errorCodes().isEmpty() ? "" : r.errorCodes(), r.serverCpuPercent(), r.serverCpuMicrosPerDelivery(),
                    r.generatorCpuPercent(),
                    r.perConnectionBytes());
        }
        sides.stream().map(LoadRunner.Side::result).filter(r -> r.probeAckLatency().count() > 0).forEach(r ->
                log.printf(Locale.ROOT, "%-6s private probe: %d acks, p50 %.2f p99 %.2f max %.2f ms%n", r.target(),
                        r.probeAckLatency().count(), r.probeAckLatency().p50Ms(), r.probeAckLatency().p99Ms(),
                        r.probeAckLatency().maxMs()));
        if (!ratios.isEmpty()) {
            log.println("parley / relay: " + ratios);
        }
        log.println("wrote " + file.toAbsolutePath());
    }

    /** Parley's figure over the relay's, for every figure both have. */
    static Map<String, Double> ratios(List<LoadRunner.Side> sides) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        RunResult parley = find(sides, "parley");
        RunResult relay = find(sides, "relay");
        if (parley == null || relay == null) {
            return ratios;
        }
        ratio(ratios, "throughput", parley.throughput(), relay.throughput());
        ratio(ratios, "deliveredPerSecond", parley.deliveredPerSecond(), relay.deliveredPerSecond());
        ratio(ratios, "ackedPerSecond", parley.ackedPerSecond(), relay.ackedPerSecond());
        ratio(ratios, "deliverP50", parley.deliverLatency().p50Ms(), relay.deliverLatency().p50Ms());
        ratio(ratios, "deliverP99", parley.deliverLatency().p99Ms(), relay.deliverLatency().p99Ms());
        ratio(ratios, "deliverP999", parley.deliverLatency().p999Ms(), relay.deliverLatency().p999Ms());
        ratio(ratios, "ackP99", parley.ackLatency().p99Ms(), relay.ackLatency().p99Ms());
        ratio(ratios, "cpuMicrosPerDelivery", parley.serverCpuMicrosPerDelivery(), relay.serverCpuMicrosPerDelivery());
        for (String key : List.of("rss", "heap", "direct")) {
            Long p = parley.perConnectionBytes().get(key);
            Long q = relay.perConnectionBytes().get(key);
            if (p != null && q != null) {
                ratio(ratios, key + "PerConnection", p, q);
            }
        }
        return ratios;
    }

    private static void ratio(Map<String, Double> ratios, String name, double parley, double relay) {
        if (relay > 0 && parley >= 0) {
            ratios.put(name, Math.round(1000 * parley / relay) / 1000.0);
        }
    }

    private static RunResult find(List<LoadRunner.Side> sides, String target) {
        return sides.stream().map(LoadRunner.Side::result).filter(r -> r.target().equals(target)).findFirst()
                .orElse(null);
    }
}
