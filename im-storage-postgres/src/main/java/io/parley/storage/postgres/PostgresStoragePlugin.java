package io.parley.storage.postgres;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.ProviderFactory;
import java.util.List;

/**
 * The PostgreSQL storage plugin: contributes the {@code postgres} storage provider, chosen with
 * {@code storage.provider=postgres} and configured under {@code storage.postgres.*}. No state, no I/O.
 */
public final class PostgresStoragePlugin implements ImPlugin {

    @Override
    public String name() {
        return "storage-postgres";
    }

    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.of(new PostgresStorageProviderFactory());
    }
}
