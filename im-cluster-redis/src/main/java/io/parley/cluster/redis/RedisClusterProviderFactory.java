package io.parley.cluster.redis;

import io.parley.api.cluster.ClusterProvider;
import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import java.time.Duration;

/**
 * Makes the {@code redis} cluster provider from {@code cluster.redis.*}: {@code uri} (default
 * {@code redis://127.0.0.1:6379}), {@code key-prefix} (default {@code parley}; nodes of one cluster share it,
 * clusters on one Redis differ) and {@code timeout} (default 2 s, for each directory read). Stateless.
 */
public final class RedisClusterProviderFactory implements ProviderFactory<ClusterProvider> {
    @Override
    public Class<ClusterProvider> providerType() {
        return ClusterProvider.class;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public ClusterProvider create(PluginConfig config, PluginContext context) {
        String uri = config.get("uri", "redis://127.0.0.1:6379");
        String prefix = config.get("key-prefix", "parley");
        if (!prefix.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ImException.invalidParameter("cluster.redis.key-prefix must be 1 to 64 letters, digits, '.', '_'"
                    + " or '-': " + prefix);
        }
        Duration timeout = config.getDuration("timeout", Duration.ofSeconds(2));
        if (timeout.isNegative() || timeout.isZero()) {
            throw ImException.invalidParameter("cluster.redis.timeout must be positive: " + timeout);
        }
        return RedisClusterProvider.connect(uri, new RedisKeys(prefix), timeout, context.metrics());
    }
}
