package io.parley.storage.postgres;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;

/**
 * Makes the {@code postgres} storage provider from the {@code storage.postgres} config subtree (see
 * {@link PostgresStorageConfig} for the keys). Stateless; {@link #create} validates the config, connects, and
 * applies the schema migrations on the calling thread, failing startup with a clear error if it cannot.
 */
public final class PostgresStorageProviderFactory implements ProviderFactory<StorageProvider> {
    public static final String NAME = "postgres";

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
        return new PostgresStorageProvider(PostgresStorageConfig.from(config), PostgresMetrics.of(context));
    }
}
