package io.parley.plugin.push.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A vendor access token (or JWT) kept until shortly before it expires. Concurrent callers share one
 * refresh; {@link #invalidate} drops a token the vendor refused, so the next {@link #get} mints a new one.
 * Thread-safe.
 */
public final class CachedToken {

    /** A minted token and how long the vendor says it lives. */
    public record Minted(String value, Duration lifetime) {
    }

    private final Supplier<CompletionStage<Minted>> mint;
    private final Duration refreshEarly;
    private final Clock clock;
    private CompletableFuture<String> current;
    private Instant refreshAt = Instant.MIN;
    private long mints;

    /**
     * @param mint fetches or signs a new token
     * @param refreshEarly how long before its expiry a token is replaced
     */
    public CachedToken(Supplier<CompletionStage<Minted>> mint, Duration refreshEarly, Clock clock) {
        this.mint = mint;
        this.refreshEarly = refreshEarly;
        this.clock = clock;
    }

    public synchronized CompletableFuture<String> get() {
        boolean failed = current != null && current.isCompletedExceptionally();
        if (current == null || failed || (current.isDone() && !clock.instant().isBefore(refreshAt))) {
            mints++;
            CompletableFuture<String> next = new CompletableFuture<>();
            current = next;
            mint.get().whenComplete((minted, error) -> {
                if (error != null) {
                    next.completeExceptionally(error);
                    return;
                }
                synchronized (this) {
                    Duration usable = minted.lifetime().minus(refreshEarly);
                    refreshAt = clock.instant().plus(usable.isNegative() ? Duration.ZERO : usable);
                }
                next.complete(minted.value());
            });
        }
        return current;
    }

    /** Forgets {@code refused} if it is still the cached token. */
    public synchronized void invalidate(String refused) {
        if (current != null && current.isDone() && !current.isCompletedExceptionally()
                && refused.equals(current.getNow(null))) {
            current = null;
        }
    }

    /** How many tokens were minted: for tests and metrics. */
    public synchronized long mints() {
        return mints;
    }
}
