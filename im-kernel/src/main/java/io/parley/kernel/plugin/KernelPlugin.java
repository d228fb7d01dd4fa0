package io.parley.kernel.plugin;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.ProviderFactory;
import io.parley.kernel.cluster.LocalClusterProviderFactory;
import io.parley.kernel.storage.embedded.EmbeddedStorageProviderFactory;
import io.parley.kernel.storage.memory.MemoryStorageProviderFactory;
import java.util.List;

/**
 * The kernel's built-ins contributed through the plugin SPI: the two storage providers, {@code embedded}
 * (message log + MapDB) and {@code memory}, and the single-node cluster provider {@code local}. The built-in business types (private, group, system) implement
 * the same {@code BusinessType} SPI but are wired in {@code KernelModule}, because they share state with the
 * kernel's own server-API endpoints.
 */
public final class KernelPlugin implements ImPlugin {
    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.of(new EmbeddedStorageProviderFactory(), new MemoryStorageProviderFactory(),
                new LocalClusterProviderFactory());
    }

}
