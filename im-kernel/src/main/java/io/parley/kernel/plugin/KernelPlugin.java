package io.parley.kernel.plugin;

import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.kernel.message.PrivateBusinessType;
import io.parley.kernel.storage.embedded.EmbeddedStorageProviderFactory;
import io.parley.kernel.storage.memory.MemoryStorageProviderFactory;
import java.util.List;

/**
 * The kernel's built-ins, contributed on the same SPI as any plugin: the private business type and the two
 * storage providers, {@code embedded} (message log + MapDB) and {@code memory}.
 */
public final class KernelPlugin implements ImPlugin {
    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.of(new EmbeddedStorageProviderFactory(), new MemoryStorageProviderFactory());
    }

    @Override
    public List<BusinessType> businessTypes(PluginContext context) {
        return List.of(new PrivateBusinessType());
    }
}
