package io.parley.kernel.storage.embedded;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@code embedded} storage provider from the {@code storage.embedded} config subtree: {@code dir}
 * (default {@code <data.dir>/storage}), {@code durability} ({@code fsync}, {@code commit-no-sync}, or {@code memory}: the
 * same engine with nothing on disk, within {@code memory-max-bytes}), {@code max-queued-appends}, {@code max-queued-bytes},
 * {@code segment-bytes}, {@code checkpoint-interval} and {@code max-batch}. Stateless; {@link #create}
 * validates the config (failing with {@code INVALID_PARAMETER}) and opens the files on the calling thread.
 */
public final class EmbeddedStorageProviderFactory implements ProviderFactory<StorageProvider> {
    public static final String NAME = "embedded";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStorageProviderFactory.class);

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
        EmbeddedStorageConfig storageConfig = EmbeddedStorageConfig.from(config, context.rootConfig());
        if (storageConfig.durability() == Durability.MEMORY) {
            log.warn("storage: durability=memory keeps nothing on disk; every message is lost at restart");
        }
        return new EmbeddedStorageProvider(storageConfig, StorageMetrics.of(metricsOf(context)));
    }

    private static PluginMetrics metricsOf(PluginContext context) {
        try {
            return context.metrics();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null;
        }
    }
}
