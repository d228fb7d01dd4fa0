package io.parley.kernel.cluster;

import io.parley.api.cluster.ClusterProvider;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;

/** Makes the {@code local} cluster provider (one node, no shared store); it reads no config keys. Stateless. */
public final class LocalClusterProviderFactory implements ProviderFactory<ClusterProvider> {
    @Override
    public Class<ClusterProvider> providerType() {
        return ClusterProvider.class;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public ClusterProvider create(PluginConfig config, PluginContext context) {
        return new LocalClusterProvider();
    }
}
