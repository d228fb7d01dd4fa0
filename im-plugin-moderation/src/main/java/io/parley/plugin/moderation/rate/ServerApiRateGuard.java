package io.parley.plugin.moderation.rate;

import static java.util.Objects.requireNonNull;

import io.parley.api.cluster.SharedRateLimits;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ServerApiGuard;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Limits server-API calls per endpoint ({@link ServerApiLimits}): every endpoint has a budget of its own, so a burst
 * of group-member queries never uses the group messages' budget. A call beyond its endpoint's limit is refused with
 * {@code RATE_LIMITED} (1008, HTTP 429), naming the endpoint and its limit; the counter
 * {@code im.moderation.api.ratelimited{endpoint=<path>}} counts the refusals.
 *
 * <p>On a single node each endpoint has one token bucket per window of its limit, holding the window's calls and
 * refilling them over its period (a full window may be used at once, then the rate holds); a call takes a token from
 * every bucket or from none. These limits hold per app, so with several nodes ({@code cluster.provider=redis}) they
 * are counted across the cluster through {@link SharedRateLimits} instead (a window of the period holding at most its
 * calls, the shortest window first), rather than in each node's memory, which would let N nodes take N times the
 * limit.
 *
 * <p>Memory is bounded: a bucket for each endpoint with a limit of its own, built up front, and for the endpoints
 * that have the default (other plugins' endpoints: the kernel only guards paths it serves) an LRU map of at most
 * {@value #MAX_OTHER_ENDPOINTS}; a bucket dropped from it is full again when next used, which loses at most one burst.
 *
 * <p>Called on a server-API worker before every route; on a single node in memory, one short lock per endpoint,
 * never blocking otherwise; with shared limits one round trip to the shared store per window.
 */
public final class ServerApiRateGuard implements ServerApiGuard {
    static final int MAX_OTHER_ENDPOINTS = 1024;

    private final ServerApiLimits limits;
    private final PluginMetrics metrics;
    private final LongSupplier nanoTime;
    private final Optional<SharedRateLimits> shared;
    private final Map<String, Endpoint> own = new HashMap<>();
    private final Map<String, Endpoint> others = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Endpoint> eldest) {
            return size() > MAX_OTHER_ENDPOINTS;
        }
    };

    public ServerApiRateGuard(ServerApiLimits limits, PluginMetrics metrics, LongSupplier nanoTime) {
        this(limits, metrics, nanoTime, Optional.empty());
    }

    public ServerApiRateGuard(ServerApiLimits limits, PluginMetrics metrics, LongSupplier nanoTime,
            Optional<SharedRateLimits> shared) {
        this.limits = requireNonNull(limits, "limits is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.shared = requireNonNull(shared, "shared is null");
        limits.byPath().forEach((path, limit) -> {
            if (!limit.isOff()) {
                own.put(path, new Endpoint(path, limit));
            }
        });
    }

    @Override
    public String name() {
        return "moderation.api-rate-limit";
    }

    @Override
    public void check(ApiRequest request) {
        if (!limits.enabled()) {
            return;
        }
        Endpoint endpoint = endpoint(request.path());
        if (endpoint != null && !endpoint.admits()) {
            endpoint.refused();
            throw new ImException(StandardErrorCode.RATE_LIMITED, "too many calls to " + endpoint.path
                    + ": its limit is " + endpoint.limit.describe() + " (" + endpoint.limit.format()
                    + "); try again later");
        }
    }

    /** The endpoint's buckets, or null when it has no limit. */
    private Endpoint endpoint(String path) {
        Endpoint endpoint = own.get(path);
        if (endpoint != null || limits.byPath().containsKey(path) || limits.defaultLimit().isOff()) {
            return endpoint;
        }
        synchronized (others) {
            return others.computeIfAbsent(path, p -> new Endpoint(p, limits.defaultLimit()));
        }
    }

    /** How many endpoints with the default limit have buckets now; never more than {@value #MAX_OTHER_ENDPOINTS}. */
    int trackedOtherEndpoints() {
        synchronized (others) {
            return others.size();
        }
    }

    /** One endpoint's buckets, one per window of its limit. */
    private final class Endpoint {
        final String path;
        final EndpointLimit limit;
        private final List<EndpointLimit.Window> windows;
        /** Guarded by this. */
        private final double[] tokens;
        /** When the buckets were last filled, once {@code started}; guarded by this. */
        private long lastNanos;
        /** Guarded by this. */
        private boolean started;
        private volatile PluginMetrics.Counter refusals;

        Endpoint(String path, EndpointLimit limit) {
            this.path = path;
            this.limit = limit;
            this.windows = limit.windows();
            this.tokens = new double[windows.size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = windows.get(i).calls();
            }
        }

        boolean admits() {
            if (shared.isPresent()) {
                for (EndpointLimit.Window window : windows) {
                    if (!shared.get().tryAcquire("moderation.api:" + path + ":" + window.format(), window.calls(),
                            window.period())) {
                        return false;
                    }
                }
                return true;
            }
            return admitsLocally(nanoTime.getAsLong());
        }

        private synchronized boolean admitsLocally(long now) {
            if (started) {
                long elapsed = Math.max(0, now - lastNanos);
                for (int i = 0; i < tokens.length; i++) {
                    EndpointLimit.Window window = windows.get(i);
                    tokens[i] = Math.min(window.calls(),
                            tokens[i] + elapsed * (double) window.calls() / window.period().toNanos());
                }
            }
            started = true;
            lastNanos = now;
            for (double available : tokens) {
                if (available < 1) {
                    return false;
                }
            }
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] -= 1;
            }
            return true;
        }

        void refused() {
            PluginMetrics.Counter counter = refusals;
            if (counter == null) {
                counter = metrics.counter("im.moderation.api.ratelimited", "endpoint", path);
                refusals = counter;
            }
            counter.increment();
        }
    }
}
