package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every {@code storage.postgres.*} key is read, defaults are sensible, and bad values are refused by name. */
class PostgresStorageConfigTest {

    @Test
    void readsEveryKey() {
        PostgresStorageConfig config = PostgresStorageConfig.from(config(Map.of(
                "url", "jdbc:postgresql://db.internal:5433/im", "user", "im", "password", "s3cret", "schema", "parley",
                "pool-size", "16", "max-batch", "1000", "connect-timeout", "2s", "delete-batch", "5000")));
        assertThat(config).isEqualTo(new PostgresStorageConfig("jdbc:postgresql://db.internal:5433/im", "im", "s3cret",
                "parley", 16, 1000, Duration.ofSeconds(2), 5000));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void defaultsEverythingButTheUrl() {
        PostgresStorageConfig config = PostgresStorageConfig.from(config(Map.of("url", "jdbc:postgresql://127.0.0.1/im")));
        assertThat(config).isEqualTo(new PostgresStorageConfig("jdbc:postgresql://127.0.0.1/im", "parley", "", "public",
                8, 500, Duration.ofSeconds(5), 1000));
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertRefused(Map.of(), "storage.postgres.url");
        assertRefused(Map.of("url", "jdbc:mysql://127.0.0.1/im"), "storage.postgres.url");
        assertRefused(Map.of("url", "jdbc:postgresql://h/im", "schema", "Robert'); DROP TABLE"), "storage.postgres.schema");
        assertRefused(Map.of("url", "jdbc:postgresql://h/im", "pool-size", "1"), "storage.postgres.pool-size");
        assertRefused(Map.of("url", "jdbc:postgresql://h/im", "pool-size", "many"), "pool-size");
        assertRefused(Map.of("url", "jdbc:postgresql://h/im", "max-batch", "0"), "storage.postgres.max-batch");
        assertRefused(Map.of("url", "jdbc:postgresql://h/im", "connect-timeout", "10ms"), "storage.postgres.connect-timeout");
        assertRefused(Map.of("url", "jdbc:postgresql://h/im", "delete-batch", "-5"), "storage.postgres.delete-batch");
    }

    private static void assertRefused(Map<String, String> values, String key) {
        assertThatThrownBy(() -> PostgresStorageConfig.from(config(values))).isInstanceOf(ImException.class)
                .hasMessageContaining(key);
    }

    /** A plain map as a {@link PluginConfig}. */
    private static PluginConfig config(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new PluginConfig() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return Set.copyOf(copy.keySet());
            }

            @Override
            public PluginConfig subset(String prefix) {
                return config(copy.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix + "."))
                        .collect(Collectors.toMap(entry -> entry.getKey().substring(prefix.length() + 1),
                                Map.Entry::getValue)));
            }
        };
    }
}
