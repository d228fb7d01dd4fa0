package io.parley.plugin.moderation.rate;

import io.parley.api.cluster.SharedRateLimits;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ServerApiGuard;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Limits server-API calls per endpoint family ({@link ApiFamily}) with one token bucket per family, holding up
 * to the family's limit and refilling over its period. A call beyond it is refused with {@code RATE_LIMITED}
 * (1008, HTTP 429). Paths outside the families are not limited.
 *
 * <p>These limits hold per app, so with several nodes ({@code cluster.provider=redis}) they are counted across the
 * cluster through {@link SharedRateLimits} (a window of the family's period holding at most its limit) rather than
 * in each node's memory, which would let N nodes take N times the limit.
 *
 * <p>Called on a server-API worker before every route; on a single node in memory and never blocks; with shared
 * limits one round trip to the shared store.
 */
public final class ServerApiRateGuard implements ServerApiGuard {
    private final Map<ApiFamily, TokenBucketLimiter> limiters = new EnumMap<>(ApiFamily.class);
    private final Map<ApiFamily, PluginMetrics.Counter> limited = new EnumMap<>(ApiFamily.class);
    private final Map<ApiFamily, RateLimitConfig.ApiLimit> limits;
    private final Optional<SharedRateLimits> shared;

    public ServerApiRateGuard(RateLimitConfig config, PluginMetrics metrics, LongSupplier nanoTime) {
        this(config, metrics, nanoTime, Optional.empty());
    }

    public ServerApiRateGuard(RateLimitConfig config, PluginMetrics metrics, LongSupplier nanoTime,
            Optional<SharedRateLimits> shared) {
        this.limits = config.apiLimits();
        this.shared = shared;
        config.apiLimits().forEach((family, limit) -> {
            if (limit.limit() > 0) {
                limiters.put(family, new TokenBucketLimiter(limit.perSecond(), limit.limit(), 1, nanoTime));
                limited.put(family, metrics.counter("im.moderation.ratelimited", "scope", "api-" + family.configName()));
            }
        });
    }

    @Override
    public String name() {
        return "moderation.api-rate-limit";
    }

    @Override
    public void check(ApiRequest request) {
        Optional<ApiFamily> family = ApiFamily.of(request.path());
        if (family.isEmpty()) {
            return;
        }
        TokenBucketLimiter limiter = limiters.get(family.get());
        if (limiter != null && !admits(family.get(), limiter)) {
            limited.get(family.get()).increment();
            throw new ImException(StandardErrorCode.RATE_LIMITED,
                    "too many " + family.get().configName() + " calls; try again later");
        }
    }

    private boolean admits(ApiFamily family, TokenBucketLimiter local) {
        if (shared.isEmpty()) {
            return local.tryAcquire(family.configName());
        }
        RateLimitConfig.ApiLimit limit = limits.get(family);
        return shared.get().tryAcquire("moderation.api." + family.configName(), limit.limit(), limit.period());
    }
}
