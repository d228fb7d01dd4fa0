package io.parley.plugin.moderation.rate;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;

/**
 * The rate-limit settings ({@code moderation.rate.*}): the client limit, and the server API's limits per endpoint.
 *
 * @param clientPerSecond messages a client may send per second, all conversation types together; 0 for no limit
 * @param clientBurst how many it may send at once after being idle
 * @param clientMaxTracked the most clients whose buckets are held in memory
 * @param serverApi the server API's limits, per endpoint
 */
public record RateLimitConfig(double clientPerSecond, int clientBurst, int clientMaxTracked, ServerApiLimits serverApi) {

    public RateLimitConfig {
        requireNonNull(serverApi, "serverApi is null");
        if (clientPerSecond < 0 || clientBurst < 1 || clientMaxTracked < 1) {
            throw ImException.invalidParameter("moderation.rate.client: per-second must be >= 0, burst and max-tracked >= 1");
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
        return new RateLimitConfig(perSecond, client.getInt("burst", 5), client.getInt("max-tracked", 100_000),
                ServerApiLimits.from(config));
    }
}
