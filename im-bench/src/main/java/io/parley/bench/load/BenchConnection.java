package io.parley.bench.load;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One connected simulated device, as a scenario drives it. Implementations are thread-safe. */
public interface BenchConnection {
    /** The index of its user in the run. */
    int index();

    String userId();

    /**
     * Sends a stamped message; {@code stampNanos} (a {@link System#nanoTime()}) is the time the latency of its
     * deliveries is measured from (the intended send time in open-loop runs).
     */
    void send(int conversationType, String targetId, long stampNanos);

    /** Runs a plugin command ({@code chatroom.join}, …); the future fails on a non-zero code. */
    CompletableFuture<Map<String, Object>> command(String name, Map<String, Object> body);

    boolean isActive();
}
