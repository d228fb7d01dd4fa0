package io.parley.kernel.storage.embedded;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;

/**
 * Makes the {@code embedded} storage provider from the {@code storage.embedded} config subtree: {@code dir}
 * (default {@code <data.dir>/storage}), {@code durability} ({@code fsync} or {@code commit-no-sync}),
 * {@code segment-bytes}, {@code checkpoint-interval} and {@code max-batch}. Stateless; {@link #create}
 * validates the config (failing with {@code INVALID_PARAMETER}) and opens the files on the calling thread.
 */
public final class EmbeddedStorageProviderFactory implements ProviderFactory<StorageProvider> {
    public static final String NAME = "embedded";

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
