package io.parley.kernel.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.api.cluster.NodeHeartbeat;
import io.parley.api.error.ImException;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.kernel.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health checks' colours from the meters and state they read, and readiness as the report makes it: a red check
 * gating NOT_READY or BUSY takes the node out, the others colour the page only.
 */
class HealthMonitorTest {
    private final MutableClock clock = new MutableClock(1_765_000_000_000L);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Readiness readiness = new Readiness();
    private final AtomicReference<Optional<String>> pipelineBusy = new AtomicReference<>(Optional.empty());
    private final AtomicReference<List<NodeHeartbeat>> nodes = new AtomicReference<>(List.of());

    @TempDir
    Path dataDir;

    private HealthMonitor monitor(Map<String, String> config) {
        readiness.set(true);
        return new HealthMonitor(readiness, new MemoryStorageProvider(), pipelineBusy::get, registry, dataDir,
                new ClusterSettings("local", "node-a", Duration.ofSeconds(5)), false, nodes::get,
                HealthThresholds.read(TrackedConfig.of(config)), clock);
    }

    private static HealthCheck check(HealthReport report, String group, String name) {
        return report.checks().stream().filter(c -> c.group().equals(group) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + group + "/" + name + " in " + report.checks()));
    }

    @Test
    void aPushVendorIsAmberAfterAnErrorAndRedWhileItsLastErrorCameAfterItsLastSuccess() {
        HealthMonitor monitor = monitor(Map.of());
        Counter delivered = registry.counter("im.push.delivered", "vendor", "apns");
        Counter failed = registry.counter("im.push.failed", "vendor", "apns", "kind", "bad-config");
        monitor.evaluate();

        clock.advance(Duration.ofSeconds(10));
        delivered.increment();
        HealthCheck ok = check(monitor.evaluate(), "push", "apns");
        assertThat(ok.level()).isEqualTo(HealthLevel.GREEN);
        assertThat(ok.value()).isEqualTo("last success 0 s ago, last error none since start");

        clock.advance(Duration.ofSeconds(10));
        failed.increment();
        HealthCheck failing = check(monitor.evaluate(), "push", "apns");
        assertThat(failing.level()).isEqualTo(HealthLevel.RED);
        assertThat(failing.value()).isEqualTo("last success 10 s ago, last error 0 s ago");
        assertThat(failing.threshold()).contains("15 min");

        clock.advance(Duration.ofSeconds(10));
        delivered.increment();
        assertThat(check(monitor.evaluate(), "push", "apns").level()).isEqualTo(HealthLevel.AMBER);
        clock.advance(Duration.ofMinutes(16));
        assertThat(check(monitor.evaluate(), "push", "apns").level()).isEqualTo(HealthLevel.GREEN);
        assertThat(monitor.evaluate().ready()).as("push never takes the node out").isTrue();
    }

    @Test
    void theWebhookOutboxIsColouredByItsBacklogAndDeadLetters() {
        HealthMonitor monitor = monitor(Map.of("health.webhook-backlog.amber", "10", "health.webhook-backlog.red", "100"));
        AtomicLong backlog = new AtomicLong(3);
        AtomicLong dead = new AtomicLong();
        Gauge.builder("im.routing.backlog", backlog, AtomicLong::get).register(registry);
        Gauge.builder("im.routing.dead_letters", dead, AtomicLong::get).register(registry);
        assertThat(check(monitor.evaluate(), "webhooks", "outbox backlog").level()).isEqualTo(HealthLevel.GREEN);
        backlog.set(10);
        dead.set(1);
        HealthReport amber = monitor.evaluate();
        assertThat(check(amber, "webhooks", "outbox backlog").level()).isEqualTo(HealthLevel.AMBER);
        assertThat(check(amber, "webhooks", "dead letters").level()).isEqualTo(HealthLevel.AMBER);
        assertThat(check(amber, "webhooks", "dead letters").value()).isEqualTo("1 kept");
        backlog.set(100);
        HealthReport red = monitor.evaluate();
        assertThat(check(red, "webhooks", "outbox backlog").level()).isEqualTo(HealthLevel.RED);
        assertThat(check(red, "webhooks", "outbox backlog").threshold()).isEqualTo("amber at 10, red at 100");
        assertThat(red.overall()).isEqualTo(HealthLevel.RED);
        assertThat(red.status()).isEqualTo("READY");
    }

    @Test
    void withoutThePushAndRoutingPluginsTheirChecksAreLeftOut() {
        HealthReport report = monitor(Map.of()).evaluate();
        assertThat(report.checks()).noneMatch(c -> c.group().equals("push") || c.group().equals("webhooks"));
        assertThat(report.status()).isEqualTo("READY");
        assertThat(check(report, "cluster", "this node").value()).startsWith("node node-a (cluster.provider local,");
    }

    @Test
    void aBusyPipelineMakesTheServerBusyAndAStopMakesItNotReady() {
        HealthMonitor monitor = monitor(Map.of());
        pipelineBusy.set(Optional.of("9 messages in flight (message.max-in-flight is 10)"));
        HealthReport busy = monitor.evaluate();
        assertThat(busy.status()).isEqualTo("BUSY");
        assertThat(busy.reason()).hasValue("9 messages in flight (message.max-in-flight is 10)");
        assertThat(busy.toJson()).containsEntry("status", "BUSY").containsEntry("overall", "red");
        pipelineBusy.set(Optional.empty());
        readiness.set(false);
        HealthReport stopping = monitor.evaluate();
        assertThat(stopping.status()).isEqualTo("NOT_READY");
        assertThat(stopping.reason()).isEmpty();
    }

    @Test
    void eachNodeTheProviderListsIsColouredByHowOldItsLastHeartbeatIs() {
        HealthMonitor monitor = monitor(Map.of());
        long now = clock.millis();
        nodes.set(List.of(new NodeHeartbeat("node-a", now - 1_000), new NodeHeartbeat("node-b", now - 20_000),
                new NodeHeartbeat("node-c", now - 120_000)));
        monitor.sample();
        HealthReport report = monitor.evaluate();
        assertThat(check(report, "cluster", "node node-a (this node)").level()).isEqualTo(HealthLevel.GREEN);
        HealthCheck late = check(report, "cluster", "node node-b");
        assertThat(late.level()).isEqualTo(HealthLevel.AMBER);
        assertThat(late.value()).isEqualTo("last heartbeat 20 s ago");
        assertThat(late.threshold()).isEqualTo("amber after 3 heartbeats missed (15 s), red after 12 (60 s)");
        assertThat(check(report, "cluster", "node node-c").level()).isEqualTo(HealthLevel.RED);

        nodes.set(null); // the provider fails: the last list is kept, and this node's row says so
        monitor.sample();
        HealthReport failing = monitor.evaluate();
        assertThat(check(failing, "cluster", "this node").level()).isEqualTo(HealthLevel.AMBER);
        assertThat(check(failing, "cluster", "this node").value()).contains("cannot list the nodes");
        assertThat(check(failing, "cluster", "node node-c").level()).isEqualTo(HealthLevel.RED);
    }

    @Test
    void diskSpaceIsColouredByThePercentFree() {
        assertThat(check(monitor(Map.of("health.disk-free.amber", "100")).evaluate(), "storage", "disk space").level())
                .isEqualTo(HealthLevel.AMBER);
        assertThat(check(monitor(Map.of("health.disk-free.amber", "100", "health.disk-free.red", "100")).evaluate(),
                "storage", "disk space").level()).isEqualTo(HealthLevel.RED);
    }

    @Test
    void thresholdsOutOfOrderAreRefusedAtStartup() {
        assertThatThrownBy(() -> HealthThresholds.read(TrackedConfig.of(Map.of("health.dead-letters.amber", "50",
                "health.dead-letters.red", "5")))).isInstanceOf(ImException.class)
                .hasMessageContaining("health.dead-letters.amber and health.dead-letters.red");
        assertThatThrownBy(() -> HealthThresholds.read(TrackedConfig.of(Map.of("health.disk-free.amber", "3"))))
                .isInstanceOf(ImException.class).hasMessageContaining("health.disk-free");
    }
}
