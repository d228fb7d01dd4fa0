package io.parley.cluster.redis;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.ProviderFactory;
import java.util.List;

/**
 * The Redis cluster plugin: contributes the {@code redis} cluster provider, chosen with
 * {@code cluster.provider=redis} and configured under {@code cluster.redis.*}. No state, no I/O.
 */
public final class RedisClusterPlugin implements ImPlugin {

    @Override
    public String name() {
        return "cluster-redis";
    }

    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.of(new RedisClusterProviderFactory());
    }
}
