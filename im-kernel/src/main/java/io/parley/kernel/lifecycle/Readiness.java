package io.parley.kernel.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the server takes traffic: true once every service has started, false again as soon as it begins
 * to stop. Served as {@code GET /health/ready}. Thread-safe.
 */
public final class Readiness {
    private final AtomicBoolean ready = new AtomicBoolean();

    public void set(boolean value) {
        ready.set(value);
    }

    public boolean isReady() {
        return ready.get();
    }
}
