package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.storage.StorageProvider;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.PluginChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin is found on the class path and contributes the {@code postgres} storage factory; a server is
 * told clearly when its PostgreSQL settings are missing or misspelt, and stays on the embedded store unless
 * {@code storage.provider=postgres} is set.
 */
class PostgresStoragePluginTest {
    @TempDir
    Path dataDir;

    @Test
    void contributesThePostgresStorageFactory() {
        PostgresStoragePlugin plugin = PluginChecks.discoveredOnce(PostgresStoragePlugin.class);
        assertThat(plugin.providerFactories()).singleElement().satisfies(factory -> {
            assertThat(factory.name()).isEqualTo("postgres");
            assertThat(factory.providerType()).isEqualTo(StorageProvider.class);
        });
    }

    @Test
    void aServerWithoutTheUrlRefusesToStartSayingWhichKeyIsMissing() {
        assertThatThrownBy(() -> EmbeddedParley.start(dataDir, "storage.provider", "postgres"))
                .isInstanceOf(ImException.class).hasMessageContaining("storage.postgres.url");
    }

    @Test
    void aMisspeltKeyFailsStartup() {
        String schema = PostgresTestDatabase.newSchema("typo");
        try {
            assertThatThrownBy(() -> EmbeddedParley.start(dataDir, "storage.provider", "postgres",
                    "storage.postgres.url", PostgresTestDatabase.URL, "storage.postgres.user", PostgresTestDatabase.USER,
                    "storage.postgres.password", PostgresTestDatabase.PASSWORD, "storage.postgres.schema", schema,
                    "storage.postgres.pool-sise", "4")).hasMessageContaining("storage.postgres.pool-sise");
        } finally {
            PostgresTestDatabase.dropSchema(schema);
        }
    }

    @Test
    void theEmbeddedStoreStaysTheDefault() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir)) {
            assertThat(server.server().meterRegistry().find("im.storage.postgres.pool.active").gauge()).isNull();
            assertThat(server.serverApi().token("someone")).isNotBlank();
        }
    }
}
