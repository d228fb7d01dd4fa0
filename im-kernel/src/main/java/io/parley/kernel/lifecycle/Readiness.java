package io.parley.kernel.lifecycle;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether the server takes traffic: true once every service has started, false again as soon as it begins
 * to stop, and false while a part it cannot work without fails (its storage refuses writes); and, while ready,
 * whether it is busy: at or near a bound of work in flight, so that new sends are about to be refused with
 * {@code SERVER_BUSY}. The {@link io.parley.kernel.health.HealthMonitor} reads it (started or not, and any check
 * added here, beside its own storage and pipeline checks), and {@code GET /health/ready} answers from that monitor.
 * Thread-safe.
 */
@Singleton
public final class Readiness {
    private final AtomicBoolean ready = new AtomicBoolean();
    private final List<Supplier<Optional<String>>> failingChecks = new CopyOnWriteArrayList<>();
    private final List<Supplier<Optional<String>>> busyChecks = new CopyOnWriteArrayList<>();

    public void set(boolean value) {
        ready.set(value);
    }

    public boolean isReady() {
        return ready.get();
    }

    /**
     * Adds a check that names why the server cannot take traffic now although it runs (a part fails), or answers
     * empty. Checks must be cheap and not block.
     */
    public void failingWhen(Supplier<Optional<String>> check) {
        failingChecks.add(check);
    }

    /** Why the server cannot take traffic now although it runs, if so. */
    public Optional<String> failingReason() {
        return firstReason(failingChecks);
    }

    /** Adds a check that names why the server is busy, or answers empty. Checks must be cheap and not block. */
    public void busyWhen(Supplier<Optional<String>> check) {
        busyChecks.add(check);
    }

    /** Why the server is busy now, if it is. */
    public Optional<String> busyReason() {
        return firstReason(busyChecks);
    }

    private static Optional<String> firstReason(List<Supplier<Optional<String>>> checks) {
        for (Supplier<Optional<String>> check : checks) {
            Optional<String> reason = check.get();
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }
}
