package io.parley.bench.load;

import io.parley.api.model.ConversationType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs one load scenario against each side the options ask for (Parley, then the relay), each in a fresh
 * child process, and writes {@code result.json} and the charts. One side: start the server, issue tokens,
 * prepare the group or room, snapshot memory, connect, snapshot again, send (warm-up, then measured), profile,
 * snapshot, stop.
 */
public final class LoadRunner {
    static final String GROUP_ID = "bench-group";
    static final String ROOM_ID = "bench-room";
    /** How many sender slots the storm's private probe takes in the pacer's round, so that it sends 3× as often. */
    static final int PROBE_WEIGHT = 3;
    private final LoadOptions options;
    private final PrintStream log;

    /** The figures of one side plus what the charts need. */
    public record Side(RunResult result, Histogram deliver, Histogram ack) {
    }

    public LoadRunner(LoadOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Runs every side and writes the report; returns the sides in order. */
    public List<Side> run() throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        List<Side> sides = new ArrayList<>();
        for (Target side : options.target().sides()) {
            sides.add(runSide(side));
        }
        ReportWriter.write(options, sides, options.out(), log);
        return sides;
    }

    private Side runSide(Target side) throws IOException, InterruptedException {
        String label = side.name().toLowerCase();
        log.printf("== %s: %s, %d connections, driver %s over %s%n", label, options.scenario().cliName(),
                options.connections(), options.driver().name().toLowerCase(), options.transport().name().toLowerCase());
        List<String> notes = new ArrayList<>();
        try (ServerUnderTest server = ServerUnderTest.open(side, options, options.out())) {
            notes.addAll(server.notes());
            long pid = server.pid();
            String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
                    + UUID.randomUUID().toString().substring(0, 4);
            String prefix = "b" + runId + "-u";
            long t0 = System.nanoTime();
            List<BenchUser> users = TokenIssuer.issue(prefix, options.connections(), server.appSecret(),
                    options.tokensViaApi() && side == Target.PARLEY ? server.api() : null);
            log.printf("tokens: %d in %.1fs (%s)%n", users.size(), (System.nanoTime() - t0) / 1e9,
                    options.tokensViaApi() && side == Target.PARLEY ? "server API" : "issued locally");
            if (options.scenario().usesGroup() && side == Target.PARLEY) {
                FanOutSetup.createGroup(server.api(), GROUP_ID, options.scenario() == Scenario.STORM
                        ? users.subList(0, users.size() - 2) : users, log);
            }
            LoadStats stats = new LoadStats();
            if (options.scenario() == Scenario.STORM) {
                stats.probe(users.size() - 2);
            }
            try (LoadDriver driver = DriverFactory.create(options, server.clientAddress(options.transport()), stats,
                    runId, options.scenario() == Scenario.CHATROOM && side == Target.PARLEY);
                    ProgressLine progress = new ProgressLine(stats, pid, label, log)) {
                // a first batch warms the connect path up (classes, JIT), so that the memory growth measured
                // from the snapshot below to the one after the rest is the connections' own
                int warm = Math.min(500, options.connections() / 10);
                Duration timeout = Duration.ofSeconds(Math.max(60, options.connections() / 200));
                List<BenchConnection> connections = new ArrayList<>(driver.connect(users.subList(0, warm), timeout));
                MemorySnapshot before = pid > 0 ? ProcessProbe.snapshot(pid) : MemorySnapshot.UNKNOWN;
                progress.start();
                long c0 = System.nanoTime();
                connections.addAll(driver.connect(users.subList(warm, users.size()), timeout));
                int measuredConnections = connections.size() - warm;
                double connectSeconds = (System.nanoTime() - c0) / 1e9;
                log.printf("connected %d of %d (%d before the memory baseline) in %.1fs (%d failed)%n",
                        connections.size(), users.size(), warm, connectSeconds, stats.connectFailures.sum());
                if (options.scenario() == Scenario.CHATROOM
                        || (options.scenario() == Scenario.GROUP && side == Target.RELAY)) {
                    FanOutSetup.joinAll(connections, options.scenario() == Scenario.CHATROOM, log, notes);
                }
                MemorySnapshot connected = pid > 0 ? ProcessProbe.snapshot(pid) : MemorySnapshot.UNKNOWN;
                MessageWorkload workload = options.scenario() == Scenario.IDLE ? null
                        : new MessageWorkload(senders(connections, prefix), options.connections(),
                                options.openLoop(), options.rate(), options.window());
                if (workload != null) {
                    workload.start(driver);
                }
                hold(options.warmupSeconds(), server);
                stats.startMeasuring();
                double cpuAtStart = pid > 0 ? ProcessProbe.cpuSeconds(pid) : -1;
                Path jfr = options.out().resolve(label + "-" + options.scenario().cliName() + ".jfr");
                if (options.jfr() && pid > 0) {
                    ProcessProbe.jfrStart(pid, "bench");
                }
                long m0 = System.nanoTime();
                hold(options.durationSeconds(), server);
                stats.stopMeasuring();
                double measured = (System.nanoTime() - m0) / 1e9;
                double cpuAtEnd = pid > 0 ? ProcessProbe.cpuSeconds(pid) : -1;
                double serverCpuSeconds = cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart;
                if (workload != null) {
                    workload.stop();
                }
                List<String> hot = List.of();
                if (options.jfr() && pid > 0) {
                    ProcessProbe.jfrStop(pid, "bench", jfr);
                    hot = JfrSummary.summarize(jfr, 15);
                    notes.add("JFR recording: " + jfr);
                }
                if (!server.isAlive()) {
                    notes.add("the server process died during the run; see its log");
                }
                MemorySnapshot after = pid > 0 ? ProcessProbe.snapshot(pid) : MemorySnapshot.UNKNOWN;
                List<SecondSample> series = progress.samples();
                RunResult result = result(side, pid, connections.size(), measuredConnections, connectSeconds, measured,
                        stats, serverCpuSeconds,
                        before, connected, after, series, hot, notes);
                return new Side(result, stats.deliverTotal(), stats.ackTotal());
            }
        }
    }

    private List<MessageWorkload.Sender> senders(List<BenchConnection> connections, String prefix) {
        List<MessageWorkload.Sender> senders = new ArrayList<>();
        for (BenchConnection connection : connections) {
            if (connection.index() >= options.senders()) {
                continue;
            }
            switch (options.scenario()) {
                case GROUP, STORM -> senders.add(new MessageWorkload.Sender(connection, ConversationType.GROUP.code(),
                        GROUP_ID));
                case CHATROOM -> senders.add(new MessageWorkload.Sender(connection,
                        ConversationType.CHATROOM.code(), ROOM_ID));
                default -> senders.add(new MessageWorkload.Sender(connection, ConversationType.PRIVATE.code(),
                        prefix + (connection.index() ^ 1)));
            }
        }
        if (options.scenario() == Scenario.STORM) {
            BenchConnection probe = connections.stream().filter(c -> c.index() == options.connections() - 2)
                    .findFirst().orElseThrow(() -> new IllegalStateException("the storm's probe did not connect"));
            for (int i = 0; i < PROBE_WEIGHT; i++) {
                senders.add(new MessageWorkload.Sender(probe, ConversationType.PRIVATE.code(),
                        prefix + (options.connections() - 1)));
            }
        }
        return senders;
    }

    private void hold(int seconds, ServerUnderTest server) throws InterruptedException {
        for (int i = 0; i < seconds && server.isAlive(); i++) {
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private RunResult result(Target side, long pid, int connected, int grown, double connectSeconds, double measured,
            LoadStats stats, double serverCpuSeconds, MemorySnapshot before, MemorySnapshot afterConnect, MemorySnapshot after,
            List<SecondSample> series, List<String> hot, List<String> notes) {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("sendErrors", stats.sendErrors.sum());
        errors.put("errorFrames", stats.errorFrames.sum());
        errors.put("disconnects", stats.disconnects.sum());
        errors.put("connectFailures", stats.connectFailures.sum());
        Map<String, Long> perConnection = new LinkedHashMap<>();
        if (before.rssKib() >= 0 && afterConnect.rssKib() >= 0 && grown > 0) {
            perConnection.put("rss", 1024 * (afterConnect.rssKib() - before.rssKib()) / grown);
            perConnection.put("heap", 1024 * (afterConnect.heapUsedKib() - before.heapUsedKib()) / grown);
            if (before.directKib() >= 0 && afterConnect.directKib() >= 0) {
                perConnection.put("direct", 1024 * (afterConnect.directKib() - before.directKib()) / grown);
                perConnection.put("nmt", 1024 * (afterConnect.nmtTotalKib() - before.nmtTotalKib()) / grown);
            }
        }
        List<SecondSample> measuredSeries = series.stream().filter(SecondSample::measuring).toList();
        double serverCpu = measuredSeries.stream().mapToDouble(SecondSample::serverCpuPercent).average().orElse(-1);
        double ownCpu = measuredSeries.stream().mapToDouble(SecondSample::generatorCpuPercent).average().orElse(-1);
        long[] counts = stats.measuredCounts();
        long sent = counts[0];
        long acked = counts[1];
        long delivered = counts[2];
        Histogram deliver = stats.deliverTotal();
        Histogram ack = stats.ackTotal();
        double seconds = Math.max(1e-3, measured);
        // what one delivered message costs the server: its CPU time over the measured seconds, all threads
        double cpuMicrosPerDelivery = serverCpuSeconds < 0 || delivered == 0 ? -1
                : serverCpuSeconds * 1e6 / delivered;
        return new RunResult(side.name().toLowerCase(), options.scenario().cliName(), pid, options.connections(),
                connected, connectSeconds, measured, sent, acked, delivered, stats.echoes.sum(),
                stats.otherDelivers.sum(), stats.dropped.sum(), sent / seconds, acked / seconds,
                delivered / seconds,
                errors, stats.errorCodes(), LatencySummary.of(deliver), LatencySummary.of(ack),
                LatencySummary.of(stats.probeAckTotal()), before,
                afterConnect, after, perConnection, serverCpu, ownCpu, serverCpuSeconds, cpuMicrosPerDelivery, hot, notes,
                series);
    }
}
