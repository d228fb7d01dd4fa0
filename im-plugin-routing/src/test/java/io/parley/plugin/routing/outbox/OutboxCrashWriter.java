package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link OutboxKillTest}: appends events to the outbox in {@code args[0]} forever,
 * printing {@code ACK <n>} once every event up to {@code n} is committed, until it is killed.
 */
public final class OutboxCrashWriter {

    private OutboxCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        MapDbOutbox outbox = MapDbOutbox.open(Path.of(args[0]), Clock.systemUTC(), DeliveryObserver.NONE);
        for (int n = 0; ; ) {
            for (int i = 0; i < 50; i++, n++) {
                outbox.append(new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:1/c" + (n % 4), System.currentTimeMillis(),
                        0, Map.of("n", Integer.toString(n))));
            }
            outbox.flush().get(30, TimeUnit.SECONDS);
            System.out.println("ACK " + (n - 1));
            System.out.flush();
        }
    }
}
