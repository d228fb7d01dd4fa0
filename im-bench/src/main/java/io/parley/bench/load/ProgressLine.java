package io.parley.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Once a second: samples the {@link LoadStats}, the server's CPU and RSS and this process's CPU, prints one line
 * ({@code [12s] sent 120000 (10000/s) acked … delivered … p99 3.2ms errors 0 server cpu 120% rss 512MiB}) and
 * keeps the sample for the throughput chart.
 */
public final class ProgressLine implements AutoCloseable {
    private final LoadStats stats;
    private final long serverPid;
    private final String label;
    private final PrintStream out;
    private final List<SecondSample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos = System.nanoTime();
    private long totalSent;
    private long totalDelivered;
    private double lastServerCpu;
    private double lastOwnCpu;
    private long lastTick = startNanos;

    public ProgressLine(LoadStats stats, long serverPid, String label, PrintStream out) {
        this.stats = stats;
        this.serverPid = serverPid;
        this.label = label;
        this.out = out;
        this.lastServerCpu = ProcessProbe.cpuSeconds(serverPid);
        this.lastOwnCpu = ProcessProbe.cpuSeconds(ProcessHandle.current().pid());
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick() {
        try {
            long now = System.nanoTime();
            double elapsed = Math.max(1e-3, (now - lastTick) / 1e9);
            lastTick = now;
            boolean measuring = stats.measuring();
            LoadStats.Interval interval = stats.sample();
            double serverCpu = ProcessProbe.cpuSeconds(serverPid);
            double ownCpu = ProcessProbe.cpuSeconds(ProcessHandle.current().pid());
            double serverPercent = serverCpu < 0 ? -1 : 100 * (serverCpu - lastServerCpu) / elapsed;
            double ownPercent = 100 * (ownCpu - lastOwnCpu) / elapsed;
            lastServerCpu = serverCpu;
            lastOwnCpu = ownCpu;
            long rss = ProcessProbe.rssKib(serverPid);
            Histogram deliver = interval.deliver();
            long p50 = deliver.getTotalCount() == 0 ? -1 : deliver.getValueAtPercentile(50);
            long p99 = deliver.getTotalCount() == 0 ? -1 : deliver.getValueAtPercentile(99);
            int second = (int) Math.round((now - startNanos) / 1e9);
            samples.add(new SecondSample(second, measuring, interval.sent(), interval.acked(), interval.delivered(),
                    interval.errors(), p50, p99, serverPercent, ownPercent, rss));
            totalSent += interval.sent();
            totalDelivered += interval.delivered();
            out.printf(Locale.ROOT, "[%s %3ds%s] sent %d (%d/s) acked %d/s delivered %d (%d/s) p99 %s errors %d"
                    + " | server cpu %.0f%% rss %dMiB | generator cpu %.0f%%%n", label, second,
                    measuring ? "" : " warm-up", totalSent, interval.sent(), interval.acked(), totalDelivered,
                    interval.delivered(), p99 < 0 ? "-" : String.format(Locale.ROOT, "%.1fms", p99 / 1000.0),
                    stats.errors(), serverPercent, rss / 1024, ownPercent);
        } catch (RuntimeException e) {
            out.println("progress line failed: " + e);
        }
    }

    /** The samples so far. */
    public synchronized List<SecondSample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
