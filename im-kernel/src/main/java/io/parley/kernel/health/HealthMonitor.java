package io.parley.kernel.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.NodeHeartbeat;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.health.HealthCheck.Gate;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.message.MessagePipeline;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's health checks, the one evaluation that {@code GET /health/ready} and the console's health page both
 * read (see {@link HealthReport} for how checks make readiness). It looks at:
 * <ul>
 *   <li>storage: whether writes fail (red: not ready), the commit queue (red: the store calls itself busy, which makes
 *       the server busy), the slowest recent commit, the disk space left where the data folder is, the last
 *       checkpoint of the embedded store;</li>
 *   <li>server: the messages in flight (red: busy) and any further readiness check registered with
 *       {@link Readiness};</li>
 *   <li>cluster: this node, its heartbeat, and recent cluster errors; and each node the cluster provider lists, with
 *       its last heartbeat;</li>
 *   <li>push: per vendor, its last success and last error (from {@code im.push.delivered} and {@code im.push.failed})
 *       and the push queue; only with the push plugin;</li>
 *   <li>webhooks: the routing outbox's backlog and dead letters; only while routing runs.</li>
 * </ul>
 * Thresholds come from {@link HealthThresholds} and are shown with each check. Every {@link #SAMPLE_PERIOD}, on the
 * kernel's scheduler, the monitor reads what may block (the disk's free space, the cluster provider's nodes) and the
 * counters (to know when each last rose; each evaluation reads them too). {@link #evaluate} reads only memory and
 * the providers' cheap, non-blocking state, so that {@code /health/ready} answers on the event loop, even while
 * every worker is taken. Thread-safe.
 */
@Singleton
public final class HealthMonitor {
    public static final Duration SAMPLE_PERIOD = Duration.ofSeconds(5);
    /** A node's heartbeat older than this many heartbeat periods is amber; older than {@link #NODE_RED_BEATS}, red. */
    static final int NODE_AMBER_BEATS = 3;
    static final int NODE_RED_BEATS = 12;

    private final Readiness readiness;
    private final StorageProvider storage;
    private final Supplier<Optional<String>> pipelineBusy;
    private final MeterRegistry registry;
    private final Path dataDir;
    private final ClusterSettings cluster;
    private final boolean distributed;
    private final Supplier<List<NodeHeartbeat>> nodeSource;
    private volatile List<NodeHeartbeat> nodes = List.of();
    private volatile Optional<String> nodesError = Optional.empty();
    private volatile HealthCheck disk;
    private final HealthThresholds thresholds;
    private final Clock clock;
    private final MeterRises rises;
    private final long createdAt;

    /** The server's monitor: the pipeline's bound, the cluster's nodes and the thresholds as configured. */
    @Inject
    public HealthMonitor(Readiness readiness, StorageProvider storage, MessagePipeline pipeline, MeterRegistry registry,
            KernelConfig config, ClusterSettings cluster, ClusterProvider provider, HealthThresholds thresholds,
            Clock clock) {
        this(readiness, storage, pipeline::busyReason, registry, config.dataDir(), cluster, provider.distributed(),
                provider::nodes, thresholds, clock);
    }

    public HealthMonitor(Readiness readiness, StorageProvider storage, Supplier<Optional<String>> pipelineBusy,
            MeterRegistry registry, Path dataDir, ClusterSettings cluster, boolean distributed,
            Supplier<List<NodeHeartbeat>> nodes, HealthThresholds thresholds, Clock clock) {
        this.nodeSource = nodes;
        this.readiness = readiness;
        this.storage = storage;
        this.pipelineBusy = pipelineBusy;
        this.registry = registry;
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.distributed = distributed;
        this.thresholds = thresholds;
        this.clock = clock;
        this.rises = new MeterRises(registry);
        this.createdAt = clock.millis();
    }

    public HealthThresholds thresholds() {
        return thresholds;
    }

    /** Starts sampling the counters and the cluster's nodes on {@code scheduler}; called once the server has started. */
    public void start(ScheduledExecutorService scheduler) {
        sample();
        long period = SAMPLE_PERIOD.toMillis();
        // the kernel's scheduler stops with the server, and this task with it
        scheduler.scheduleAtFixedRate(this::sample, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Samples the counters, and asks the cluster provider for its nodes (which may block on its store: hence here, on
     * the scheduler, and not at each evaluation, which a load balancer's probes call often).
     */
    void sample() {
        rises.sample(clock.millis());
        disk = readDisk();
        try {
            nodes = List.copyOf(nodeSource.get());
            nodesError = Optional.empty();
        } catch (RuntimeException e) {
            nodesError = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Every check, now. */
    public HealthReport evaluate() {
        long now = clock.millis();
        rises.sample(now);
        List<HealthCheck> checks = new ArrayList<>();
        storageChecks(checks, now);
        serverChecks(checks);
        clusterChecks(checks, now);
        pushChecks(checks, now);
        webhookChecks(checks);
        return new HealthReport(readiness.isReady(), now, checks);
    }

    private void storageChecks(List<HealthCheck> checks, long now) {
        Optional<String> failing = storage.failing();
        checks.add(new HealthCheck("storage", "writes", failing.isPresent() ? HealthLevel.RED : HealthLevel.GREEN,
                failing.orElse("writing"), "red while the store's writes fail", Gate.NOT_READY));
        boolean busy = storage.busy();
        Optional<Double> queued = gauge("im.storage.queue.appends");
        HealthLevel queueLevel = busy ? HealthLevel.RED
                : queued.isPresent() && queued.get() >= thresholds.commitQueueAmber() ? HealthLevel.AMBER
                : HealthLevel.GREEN;
        String depth = queued.map(count -> (long) (double) count + " appends waiting").orElse("not measured");
        checks.add(new HealthCheck("storage", "commit queue", queueLevel,
                busy ? "the storage commit queue is nearly full: " + depth : depth,
                "amber at " + thresholds.commitQueueAmber() + " waiting; red when the store is busy (its queue 80% full)",
                Gate.BUSY));
        Timer latency = registry.find("im.storage.commit.latency").timer();
        if (latency != null) {
            double maxMillis = latency.max(TimeUnit.MILLISECONDS);
            checks.add(new HealthCheck("storage", "commit latency",
                    atOrAbove(maxMillis, thresholds.commitLatencyAmber().toMillis(),
                            thresholds.commitLatencyRed().toMillis(), latency.count() > 0),
                    latency.count() == 0 ? "no commit yet" : String.format("slowest recent %.1f ms, mean %.1f ms",
                            maxMillis, latency.mean(TimeUnit.MILLISECONDS)),
                    "amber at " + millis(thresholds.commitLatencyAmber()) + ", red at "
                            + millis(thresholds.commitLatencyRed()) + " (slowest commit of the last 2 minutes)",
                    Gate.NONE));
        }
        checks.add(diskCheck());
        if (registry.find("im.storage.checkpoint").timer() != null) {
            Optional<Long> last = rises.lastRise("im.storage.checkpoint", null, null);
            long age = now - last.orElse(createdAt);
            checks.add(new HealthCheck("storage", "last checkpoint",
                    atOrAbove(age, thresholds.checkpointAmber().toMillis(), thresholds.checkpointRed().toMillis(), true),
                    last.map(at -> ago(now - at)).orElse("none since start, " + ago(age)),
                    "amber when none for " + human(thresholds.checkpointAmber()) + ", red for "
                            + human(thresholds.checkpointRed()), Gate.NONE));
        }
    }

    private HealthCheck diskCheck() {
        HealthCheck sampled = disk;
        if (sampled == null) {
            sampled = readDisk(); // before the first sample only: the server has not started yet
            disk = sampled;
        }
        return sampled;
    }

    /** The disk-space check, read from the file system: blocks on a {@code statvfs}, so it runs on the sampler. */
    private HealthCheck readDisk() {
        String threshold = "amber at " + thresholds.diskFreeAmber() + "% free or less, red at "
                + thresholds.diskFreeRed() + "%";
        try {
            Path existing = dataDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing == null ? Path.of(".").toAbsolutePath() : existing);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            double percent = total == 0 ? 100 : free * 100.0 / total;
            HealthLevel level = percent <= thresholds.diskFreeRed() ? HealthLevel.RED
                    : percent <= thresholds.diskFreeAmber() ? HealthLevel.AMBER : HealthLevel.GREEN;
            return new HealthCheck("storage", "disk space", level,
                    String.format("%s free of %s (%.1f%%)", bytes(free), bytes(total), percent), threshold, Gate.NONE);
        } catch (IOException | RuntimeException e) {
            return new HealthCheck("storage", "disk space", HealthLevel.AMBER, "cannot tell: " + e.getMessage(),
                    threshold, Gate.NONE);
        }
    }

    private void serverChecks(List<HealthCheck> checks) {
        Optional<String> busy = pipelineBusy.get();
        checks.add(new HealthCheck("server", "messages in flight", busy.isPresent() ? HealthLevel.RED
                : HealthLevel.GREEN, busy.orElse("below the bound"), "red at 80% of message.max-in-flight",
                Gate.BUSY));
        readiness.failingReason().ifPresent(reason -> checks.add(new HealthCheck("server", "readiness", HealthLevel.RED,
                reason, "red while a part the server needs fails", Gate.NOT_READY)));
        readiness.busyReason().ifPresent(reason -> checks.add(new HealthCheck("server", "load", HealthLevel.RED,
                reason, "red while the server is near a bound of work in flight", Gate.BUSY)));
    }

    private void clusterChecks(List<HealthCheck> checks, long now) {
        Optional<Long> lastError = rises.lastRise("im.cluster.redis.errors", null, null)
                .or(() -> rises.lastRise("im.cluster.directory.failures", null, null));
        boolean recent = lastError.isPresent() && now - lastError.get() <= thresholds.errorWindow().toMillis();
        String value = "node " + cluster.nodeId() + " (cluster.provider " + cluster.provider() + ", "
                + (distributed ? "several nodes" : "single node") + "), heartbeat every " + human(cluster.heartbeat())
                + lastError.map(at -> "; last cluster error " + ago(now - at)).orElse("");
        checks.add(new HealthCheck("cluster", "this node", recent || nodesError.isPresent() ? HealthLevel.AMBER
                : HealthLevel.GREEN, value + nodesError.map(error -> "; cannot list the nodes: " + error).orElse(""),
                "amber after a cluster error (Redis, shared directory) in the last " + human(thresholds.errorWindow()),
                Gate.NONE));
        long beat = cluster.heartbeat().toMillis();
        long amber = beat * NODE_AMBER_BEATS;
        long red = beat * NODE_RED_BEATS;
        for (NodeHeartbeat node : nodes) {
            long age = Math.max(0, now - node.lastHeartbeatMillis());
            HealthLevel level = age >= red ? HealthLevel.RED : age >= amber ? HealthLevel.AMBER : HealthLevel.GREEN;
            checks.add(new HealthCheck("cluster", "node " + node.nodeId()
                    + (node.nodeId().equals(cluster.nodeId()) ? " (this node)" : ""), level,
                    "last heartbeat " + ago(age), "amber after " + NODE_AMBER_BEATS + " heartbeats missed ("
                            + human(Duration.ofMillis(amber)) + "), red after " + NODE_RED_BEATS + " ("
                            + human(Duration.ofMillis(red)) + ")", Gate.NONE));
        }
    }

    private void pushChecks(List<HealthCheck> checks, long now) {
        TreeSet<String> vendors = new TreeSet<>();
        for (String name : List.of("im.push.sent", "im.push.delivered", "im.push.failed")) {
            for (Meter meter : registry.find(name).meters()) {
                String vendor = meter.getId().getTag("vendor");
                if (vendor != null) {
                    vendors.add(vendor);
                }
            }
        }
        long window = thresholds.errorWindow().toMillis();
        for (String vendor : vendors) {
            Optional<Long> success = rises.lastRise("im.push.delivered", "vendor", vendor);
            Optional<Long> error = rises.lastRise("im.push.failed", "vendor", vendor)
                    .or(() -> rises.lastRise("im.push.retried", "vendor", vendor));
            boolean recentError = error.isPresent() && now - error.get() <= window;
            boolean errorLast = recentError && (success.isEmpty() || error.get() > success.get());
            HealthLevel level = errorLast ? HealthLevel.RED : recentError ? HealthLevel.AMBER : HealthLevel.GREEN;
            String value = "last success " + success.map(at -> ago(now - at)).orElse("none since start")
                    + ", last error " + error.map(at -> ago(now - at)).orElse("none since start");
            checks.add(new HealthCheck("push", vendor, level, value, "amber after an error in the last "
                    + human(thresholds.errorWindow()) + "; red when that error came after the last success",
                    Gate.NONE));
        }
        gauge("im.push.queue.size").ifPresent(size -> checks.add(new HealthCheck("push", "queue",
                atOrAbove(size, thresholds.pushQueueAmber(), thresholds.pushQueueRed(), true),
                (long) (double) size + " pushes queued", "amber at " + thresholds.pushQueueAmber() + ", red at "
                        + thresholds.pushQueueRed(), Gate.NONE)));
    }

    private void webhookChecks(List<HealthCheck> checks) {
        gauge("im.routing.backlog").ifPresent(backlog -> checks.add(new HealthCheck("webhooks", "outbox backlog",
                atOrAbove(backlog, thresholds.backlogAmber(), thresholds.backlogRed(), true),
                (long) (double) backlog + " events waiting", "amber at " + thresholds.backlogAmber() + ", red at "
                        + thresholds.backlogRed(), Gate.NONE)));
        gauge("im.routing.dead_letters").ifPresent(dead -> checks.add(new HealthCheck("webhooks", "dead letters",
                atOrAbove(dead, thresholds.deadLettersAmber(), thresholds.deadLettersRed(), true),
                (long) (double) dead + " kept", "amber at " + thresholds.deadLettersAmber() + ", red at "
                        + thresholds.deadLettersRed(), Gate.NONE)));
    }

    private Optional<Double> gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        if (gauge == null) {
            return Optional.empty();
        }
        double value = gauge.value();
        return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
    }

    private static HealthLevel atOrAbove(double value, double amber, double red, boolean measured) {
        if (!measured) {
            return HealthLevel.GREEN;
        }
        return value >= red ? HealthLevel.RED : value >= amber ? HealthLevel.AMBER : HealthLevel.GREEN;
    }

    private static String ago(long millis) {
        return human(Duration.ofMillis(Math.max(0, millis))) + " ago";
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    private static String bytes(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1 ? String.format("%.1f GiB", gib) : String.format("%.0f MiB", bytes / (1024.0 * 1024));
    }
}
