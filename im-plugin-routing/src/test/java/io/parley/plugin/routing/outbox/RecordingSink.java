package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import io.parley.plugin.routing.spi.RoutingSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink for tests: accepts batches while up, throws while down, and records what it accepted per key. */
final class RecordingSink implements RoutingSink {
    private final Map<String, List<RoutingEvent>> acceptedByKey = new LinkedHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean up = true;

    void goDown() {
        up = false;
    }

    void comeBack() {
        up = true;
    }

    int attempts() {
        return attempts.get();
    }

    int accepted() {
        return accepted.get();
    }

    synchronized Map<String, List<RoutingEvent>> acceptedByKey() {
        Map<String, List<RoutingEvent>> copy = new LinkedHashMap<>();
        acceptedByKey.forEach((key, events) -> copy.put(key, List.copyOf(events)));
        return copy;
    }

    @Override
    public boolean accepts(RoutingEvent.Kind kind) {
        return true;
    }

    @Override
    public void deliver(List<RoutingEvent> batch) throws IOException {
        attempts.incrementAndGet();
        if (!up) {
            throw new IOException("down");
        }
        synchronized (this) {
            for (RoutingEvent event : batch) {
                acceptedByKey.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event);
            }
        }
        accepted.addAndGet(batch.size());
    }
}
