package io.parley.plugin.moderation.rate;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rate-limit settings ({@code moderation.rate.*}). A limit of 0 turns that limit off.
 *
 * @param clientPerSecond messages a client may send per second, all conversation types together
 * @param clientBurst how many it may send at once after being idle
 * @param clientMaxTracked the most clients whose buckets are held in memory
 * @param apiLimits per server-API family: calls per period
 */
public record RateLimitConfig(double clientPerSecond, int clientBurst, int clientMaxTracked,
        Map<ApiFamily, ApiLimit> apiLimits) {

    public RateLimitConfig {
        requireNonNull(apiLimits, "apiLimits is null");
        apiLimits = Map.copyOf(apiLimits);
        if (clientPerSecond < 0 || clientBurst < 1 || clientMaxTracked < 1) {
            throw ImException.invalidParameter("moderation.rate.client: per-second must be >= 0, burst and max-tracked >= 1");
        }
    }

    /**
     * One family's limit.
     *
     * @param limit calls per period (also the burst); 0 for no limit
     */
    public record ApiLimit(int limit, Duration period) {
        public ApiLimit {
            requireNonNull(period, "period is null");
            if (limit < 0 || period.isZero() || period.isNegative()) {
                throw ImException.invalidParameter("a server-API rate limit needs limit >= 0 and a positive period");
            }
        }

        public double perSecond() {
            return limit * 1e9 / period.toNanos();
        }
    }

    /** Reads {@code rate.*} from the plugin's config. */
    public static RateLimitConfig from(PluginConfig config) {
        PluginConfig client = config.subset("rate.client");
        double perSecond;
        String text = client.get("per-second", "5");
        try {
            perSecond = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw ImException.invalidParameter("config moderation.rate.client.per-second must be a number, was '" + text + "'");
        }
        Map<ApiFamily, ApiLimit> limits = new EnumMap<>(ApiFamily.class);
        for (ApiFamily family : ApiFamily.values()) {
            PluginConfig api = config.subset("rate.api." + family.configName());
            limits.put(family, new ApiLimit(api.getInt("limit", family.defaultLimit()),
                    api.getDuration("period", family.defaultPeriod())));
        }
        return new RateLimitConfig(perSecond, client.getInt("burst", 5), client.getInt("max-tracked", 100_000), limits);
    }
}
