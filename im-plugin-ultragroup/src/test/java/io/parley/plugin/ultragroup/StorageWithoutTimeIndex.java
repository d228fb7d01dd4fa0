package io.parley.plugin.ultragroup;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A test plugin offering the storage provider {@value #NAME}: the kernel's memory provider without
 * {@link StorageCapability#HISTORY_BY_TIME}, so that a server chosen with {@code storage.provider} shows how the
 * plugin reads by time without {@code seqAtTime}. Unused unless configured.
 */
public final class StorageWithoutTimeIndex implements ImPlugin {
    static final String NAME = "memory-without-time-index";

    @Override
    public String name() {
        return "ultragroup-test-storage-without-time-index";
    }

    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.of(new ProviderFactory<StorageProvider>() {
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
                Set<StorageCapability> capabilities = EnumSet.copyOf(MemoryStorageProvider.CAPABILITIES);
                capabilities.remove(StorageCapability.HISTORY_BY_TIME);
                return new MemoryStorageProvider(capabilities);
            }
        });
    }
}
