package io.parley.kernel.statistics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures that meters already count, read as what they grew by since the last read: deliveries (DELIVER frames
 * written, {@code im.frames.out{command=DELIVER}}) and pushes by vendor and outcome ({@code im.push.delivered},
 * {@code im.push.failed}, {@code im.push.suppressed}, counted by the push plugin). Reading them costs the message path
 * nothing more. Called by one thread at a time (the flusher's).
 */
final class MeterDeltas {
    private final MeterRegistry registry;
    private final Map<Meter.Id, Double> last = new HashMap<>();

    MeterDeltas(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Adds to {@code figures} what each meter grew by since the last call (everything since start, the first time). */
    void addTo(Figures figures) {
        Counter deliver = registry.find("im.frames.out").tag("command", "DELIVER").counter();
        if (deliver != null) {
            figures.add(Figures.DELIVERIES, delta(deliver));
        }
        for (Counter counter : registry.find("im.push.delivered").counters()) {
            figures.add(push(counter, "delivered"), delta(counter));
        }
        for (Counter counter : registry.find("im.push.failed").counters()) {
            String kind = counter.getId().getTag("kind");
            figures.add(push(counter, kind == null ? "failed" : "failed-" + kind), delta(counter));
        }
        for (Counter counter : registry.find("im.push.suppressed").counters()) {
            String reason = counter.getId().getTag("reason");
            figures.add(push(counter, reason == null ? "suppressed" : "suppressed-" + reason), delta(counter));
        }
    }

    private static String push(Counter counter, String outcome) {
        String vendor = counter.getId().getTag("vendor");
        return Figures.item(Figures.PUSHES, (vendor == null ? "any" : vendor) + "/" + outcome);
    }

    private long delta(Counter counter) {
        double now = counter.count();
        Double before = last.put(counter.getId(), now);
        return Math.round(now - (before == null ? 0 : before));
    }
}
