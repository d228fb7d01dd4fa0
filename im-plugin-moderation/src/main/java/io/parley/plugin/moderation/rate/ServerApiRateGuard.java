package io.parley.plugin.moderation.rate;

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
 * <p>Called on a server-API worker before every route; in memory, never blocks.
 */
public final class ServerApiRateGuard implements ServerApiGuard {
    private final Map<ApiFamily, TokenBucketLimiter> limiters = new EnumMap<>(ApiFamily.class);
    private final Map<ApiFamily, PluginMetrics.Counter> limited = new EnumMap<>(ApiFamily.class);

    public ServerApiRateGuard(RateLimitConfig config, PluginMetrics metrics, LongSupplier nanoTime) {
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
        if (limiter != null && !limiter.tryAcquire(family.get().configName())) {
            limited.get(family.get()).increment();
            throw new ImException(StandardErrorCode.RATE_LIMITED,
                    "too many " + family.get().configName() + " calls; try again later");
        }
    }
}
