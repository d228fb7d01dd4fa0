package io.parley.kernel.storage.memory;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;

/**
 * Makes the {@code memory} storage provider from {@code storage.memory}: {@code max-bytes}, about how much of the heap
 * its messages may take (a quarter of the heap's limit by default; past it appends are refused with
 * {@code SERVER_BUSY}). Stateless, thread-safe.
 */
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
        long maxBytes = config.getLong("max-bytes", MemoryStorageProvider.DEFAULT_MAX_BYTES);
        if (maxBytes < 1) {
            throw ImException.invalidParameter("storage.memory.max-bytes must be positive, was "
                    + maxBytes);
        }
        return new MemoryStorageProvider(maxBytes);
    }
}
