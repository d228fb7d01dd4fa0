package io.parley.kernel.storage.memory;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;

/** Makes the {@code memory} storage provider; it reads no config keys. Stateless, thread-safe. */
public final class MemoryStorageProviderFactory implements ProviderFactory<StorageProvider> {
    public static final String NAME = "memory";

    @Override
    public Class<StorageProvider> providerType() {
        return StorageProvider.class;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StorageProvider create(PluginConfig config, PluginContext context) {
        return new MemoryStorageProvider();
    }
}
