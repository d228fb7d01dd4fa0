package io.parley.plugin.push.dispatch;

import io.parley.api.plugin.PluginMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push counters, tagged by vendor: {@code im.push.sent} (targets in each send tried),
 * {@code im.push.delivered} (accepted by the vendor), {@code im.push.failed} (given up: dead token, bad config or
 * request, out of TTL), {@code im.push.retried} and {@code im.push.tokens.removed}; and
 * {@code im.push.suppressed} by reason (do-not-disturb, quiet hours, disablePush, no token). Thread-safe.
 */
public final class PushMetrics {
    private final PluginMetrics metrics;
    private final Map<String, PluginMetrics.Counter> counters = new ConcurrentHashMap<>();

    public PushMetrics(PluginMetrics metrics) {
        this.metrics = metrics.describe("im.push.sent", "Push targets (device tokens) in each send tried, by vendor")
                .describe("im.push.delivered", "Pushes accepted by the vendor, by vendor")
                .describe("im.push.failed", "Pushes given up (a dead token, bad configuration or request, out of TTL),"
                        + " by vendor and kind")
                .describe("im.push.retried", "Pushes retried after a transient failure, by vendor")
                .describe("im.push.tokens.removed", "Device tokens removed because the vendor called them dead, by vendor")
                .describe("im.push.suppressed", "Pushes not sent, by reason (do-not-disturb, quiet hours, disablePush,"
                        + " no token)");
    }

    public void sent(String vendor, int targets) {
        counter("im.push.sent", "vendor", vendor).increment(targets);
    }

    public void delivered(String vendor) {
        counter("im.push.delivered", "vendor", vendor).increment();
    }

    public void failed(String vendor, String kind) {
        counter("im.push.failed", "vendor", vendor, "kind", kind).increment();
    }

    public void retried(String vendor) {
        counter("im.push.retried", "vendor", vendor).increment();
    }

    public void tokenRemoved(String vendor) {
        counter("im.push.tokens.removed", "vendor", vendor).increment();
    }

    public void suppressed(String reason) {
        counter("im.push.suppressed", "reason", reason).increment();
    }

    private PluginMetrics.Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags), ignored -> metrics.counter(name, tags));
    }
}
