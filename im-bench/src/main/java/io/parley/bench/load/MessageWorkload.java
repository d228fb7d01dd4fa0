package io.parley.bench.load;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the stamped messages of a run. Open loop: one pacer thread sends at {@code rate} a second, round-robin
 * over the senders, each stamped with its <em>intended</em> send time, so that a server (or generator) that
 * falls behind shows up in the latency instead of slowing the load (no coordinated omission). Closed loop: each
 * sender keeps {@code window} sends in flight and sends again on every SEND_ACK.
 */
public final class MessageWorkload implements AutoCloseable {
    /** Who sends where. */
    public record Sender(BenchConnection connection, int conversationType, String targetId) {
        public Sender {
            requireNonNull(connection, "connection is null");
            requireNonNull(targetId, "targetId is null");
        }
    }

    private static final long MAX_PARK_NANOS = 200_000;
    private final List<Sender> senders;
    private final Sender[] byConnection;
    private final boolean openLoop;
    private final int rate;
    private final int window;
    private volatile boolean running;
    private Thread pacer;

    public MessageWorkload(List<Sender> senders, int connections, boolean openLoop, int rate, int window) {
        if (senders.isEmpty()) {
            throw new IllegalArgumentException("no senders");
        }
        if (openLoop && rate <= 0) {
            throw new IllegalArgumentException("an open loop needs a rate");
        }
        this.senders = List.copyOf(senders);
        this.byConnection = new Sender[connections];
        for (Sender sender : senders) {
            byConnection[sender.connection().index()] = sender;
        }
        this.openLoop = openLoop;
        this.rate = rate;
        this.window = window;
    }

    /** Starts sending; in closed loop, installs itself as the driver's ack listener. */
    public void start(LoadDriver driver) {
        running = true;
        if (openLoop) {
            pacer = new Thread(this::pace, "bench-pacer");
            pacer.setDaemon(true);
            pacer.start();
            return;
        }
        driver.onAck((connection, ok) -> {
            Sender sender = byConnection[connection.index()];
            if (running && sender != null && connection.isActive()) {
                send(sender, System.nanoTime());
            }
        });
        for (int i = 0; i < window; i++) {
            for (Sender sender : senders) {
                send(sender, System.nanoTime());
            }
        }
    }

    private void pace() {
        long start = System.nanoTime();
        long count = 0;
        int next = 0;
        double interval = 1e9 / rate;
        while (running) {
            long now = System.nanoTime();
            long due = start + (long) (count * interval);
            while (due <= now && running) {
                Sender sender = senders.get(next);
                next = next + 1 == senders.size() ? 0 : next + 1;
                if (sender.connection().isActive()) {
                    send(sender, due);
                }
                count++;
                due = start + (long) (count * interval);
            }
            LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, Math.max(0, due - System.nanoTime())));
        }
    }

    private static void send(Sender sender, long stampNanos) {
        sender.connection().send(sender.conversationType(), sender.targetId(), stampNanos);
    }

    /** Stops sending (in-flight sends may still be answered). */
    public void stop() {
        running = false;
        Thread thread = pacer;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
