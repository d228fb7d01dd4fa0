package io.parley.plugin.chatroom;

import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginMetrics;
import java.util.function.Supplier;

/**
 * The plugin's metrics: {@code im.chatroom.dropped{reason=overload|slow-consumer|stopped}} counts messages a
 * room did not deliver (over capacity; one per device that skipped it for a full outbound buffer; distribution
 * stopped), {@code im.chatroom.deliveries} counts device writes, {@code im.chatroom.rooms} is a gauge. Thread-safe.
 */
final class ChatroomMetrics {
    private final PluginMetrics.Counter overload;
    private final PluginMetrics.Counter slowConsumer;
    private final PluginMetrics.Counter stopped;
    private final PluginMetrics.Counter deliveries;

    ChatroomMetrics(PluginMetrics metrics, Supplier<Number> roomCount) {
        metrics.describe("im.chatroom.dropped", "Chatroom messages not delivered: over the room's capacity (overload),"
                        + " skipped by a device with a full outbound buffer (slow-consumer), distribution stopped (stopped)")
                .describe("im.chatroom.deliveries", "Chatroom messages written to devices")
                .describe("im.chatroom.rooms", "Chatrooms open on this node");
        this.overload = metrics.counter("im.chatroom.dropped", "reason", "overload");
        this.slowConsumer = metrics.counter("im.chatroom.dropped", "reason", "slow-consumer");
        this.stopped = metrics.counter("im.chatroom.dropped", "reason", "stopped");
        this.deliveries = metrics.counter("im.chatroom.deliveries");
        metrics.gauge("im.chatroom.rooms", roomCount);
    }

    void droppedForOverload() {
        overload.increment();
    }

    void undistributed() {
        stopped.increment();
    }

    void delivered(OnlineDirectory.FanOutResult result) {
        if (result.delivered() > 0) {
            deliveries.increment(result.delivered());
        }
        if (result.dropped() > 0) {
            slowConsumer.increment(result.dropped());
        }
    }
}
