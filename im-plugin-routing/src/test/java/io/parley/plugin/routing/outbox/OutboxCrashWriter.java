package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link OutboxKillTest}: appends events to the outbox in {@code args[0]} forever,
 * printing {@code ACK <n>} once every event up to {@code n} is committed, until it is killed. Event
 * {@code n} carries {@code msgUID=uid-<n>} and {@code msgTimestamp=BASE_TIME+n}, for the catch-up state.
 */
public final class OutboxCrashWriter {
    static final long BASE_TIME = 1_700_000_000_000L;

    private OutboxCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        MapDbOutbox outbox = MapDbOutbox.open(Path.of(args[0]), Clock.systemUTC(), DeliveryObserver.NONE);
        for (int n = 0; ; ) {
            for (int i = 0; i < 50; i++, n++) {
                outbox.append(new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:1/c" + (n % 4), System.currentTimeMillis(),
                        0, Map.of("n", Integer.toString(n), "msgUID", "uid-" + n,
                                "msgTimestamp", Long.toString(BASE_TIME + n))));
            }
            outbox.flush().get(30, TimeUnit.SECONDS);
            System.out.println("ACK " + (n - 1));
            System.out.flush();
        }
    }
}
