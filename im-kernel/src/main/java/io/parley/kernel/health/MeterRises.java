package io.parley.kernel.health;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each counted meter last went up, as far as sampling can tell: {@link #sample} reads every counter's count and
 * every timer's count, and notes the time of the sample at which a meter's count had grown. So "the last success of a
 * vendor" is the sample after which {@code im.push.delivered{vendor=…}} last grew: accurate to the sampling period
 * ({@link HealthMonitor#SAMPLE_PERIOD}, and every evaluation samples too). Thread-safe.
 */
final class MeterRises {
    private final MeterRegistry registry;
    private final Map<Meter.Id, Double> counts = new HashMap<>();
    private final Map<Meter.Id, Long> risenAt = new HashMap<>();

    MeterRises(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reads every counter and timer now; a meter seen for the first time with a count above 0 counts as risen now. */
    synchronized void sample(long now) {
        for (Meter meter : registry.getMeters()) {
            double count;
            if (meter instanceof Counter counter) {
                count = counter.count();
            } else if (meter instanceof Timer timer) {
                count = timer.count();
            } else {
                continue;
            }
            Double before = counts.put(meter.getId(), count);
            if (count > (before == null ? 0 : before)) {
                risenAt.put(meter.getId(), now);
            }
        }
    }

    /** When any meter named {@code name} whose tag {@code tag} is {@code value} last went up (null tag: any). */
    synchronized Optional<Long> lastRise(String name, String tag, String value) {
        long latest = -1;
        for (Map.Entry<Meter.Id, Long> entry : risenAt.entrySet()) {
            Meter.Id id = entry.getKey();
            if (id.getName().equals(name) && (tag == null || value.equals(id.getTag(tag)))) {
                latest = Math.max(latest, entry.getValue());
            }
        }
        return latest < 0 ? Optional.empty() : Optional.of(latest);
    }
}
