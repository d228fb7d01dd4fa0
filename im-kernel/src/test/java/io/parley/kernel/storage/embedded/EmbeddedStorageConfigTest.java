package io.parley.kernel.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.config.TrackedConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStorageConfigTest {
    @TempDir
    Path dir;

    private static EmbeddedStorageConfig parse(Map<String, String> values) {
        TrackedConfig root = TrackedConfig.of(values);
        return EmbeddedStorageConfig.from(root.subset("storage.embedded"), root);
    }

    private static void assertRejected(Map<String, String> values, String messagePart) {
        assertThatThrownBy(() -> parse(values)).isInstanceOfSatisfying(ImException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_PARAMETER);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void defaultsAndDataDir() {
        EmbeddedStorageConfig config = parse(Map.of("data.dir", "/var/parley"));
        assertThat(config.dir()).isEqualTo(Path.of("/var/parley", "storage"));
        assertThat(config.durability()).isEqualTo(Durability.FSYNC);
        assertThat(config.segmentBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxBatch()).isEqualTo(2000);
        assertThat(parse(Map.of()).dir()).isEqualTo(Path.of("./data", "storage"));
    }

    @Test
    void readsEveryKey() {
        TrackedConfig root = TrackedConfig.of(Map.of("storage.embedded.dir", "/tmp/x",
                "storage.embedded.durability", "commit-no-sync", "storage.embedded.segment-bytes", "1048576",
                "storage.embedded.checkpoint-interval", "2s", "storage.embedded.max-batch", "64",
                "storage.embedded.max-queued-appends", "500", "storage.embedded.max-queued-bytes", "65536",
                "storage.embedded.memory-max-bytes", "2097152", "storage.embedded.sync-interval", "250us"));
        EmbeddedStorageConfig config = EmbeddedStorageConfig.from(root.subset("storage.embedded"), root);
        assertThat(config).isEqualTo(new EmbeddedStorageConfig(Path.of("/tmp/x"), Durability.COMMIT_NO_SYNC,
                1048576, Duration.ofSeconds(2), 64, 500, 65536, 2097152, Duration.ofNanos(250_000)));
        assertThat(root.unusedKeys()).isEmpty();
    }

    @Test
    void rejectsBadValues() {
        assertRejected(Map.of("storage.embedded.durability", "sometimes"), "fsync, commit-no-sync or memory");
        assertRejected(Map.of("storage.embedded.segment-bytes", "big"), "segment-bytes must be a number");
        assertRejected(Map.of("storage.embedded.segment-bytes", "100"), "segment-bytes must be at least");
        assertRejected(Map.of("storage.embedded.checkpoint-interval", "soon"), "checkpoint-interval");
        assertRejected(Map.of("storage.embedded.checkpoint-interval", "0s"), "checkpoint-interval must be positive");
        assertRejected(Map.of("storage.embedded.max-batch", "0"), "max-batch must be at least 1");
        assertRejected(Map.of("storage.embedded.sync-interval", "1s"), "sync-interval must be between 0 and 100ms");
        assertRejected(Map.of("storage.embedded.sync-interval", "often"), "sync-interval must be a duration");
    }

    @Test
    void factoryMakesAProviderWithCapabilitiesPerDurability() {
        EmbeddedStorageProviderFactory factory = new EmbeddedStorageProviderFactory();
        assertThat(factory.name()).isEqualTo("embedded");
        assertThat(factory.providerType()).isEqualTo(StorageProvider.class);

        TrackedConfig fsync = TrackedConfig.of(Map.of("data.dir", dir.resolve("a").toString()));
        try (StorageProvider provider = factory.create(fsync.subset("storage.embedded"), StorageTestSupport.context(fsync))) {
            assertThat(provider.capabilities()).contains(StorageCapability.PERSISTENT, StorageCapability.DURABLE_BEFORE_ACK,
                    StorageCapability.RETENTION, StorageCapability.DELETE_MESSAGE);
        }
        assertThat(dir.resolve("a/storage/log")).isDirectory();

        TrackedConfig noSync = TrackedConfig.of(Map.of("storage.embedded.dir", dir.resolve("b").toString(),
                "storage.embedded.durability", "commit-no-sync"));
        try (StorageProvider provider = factory.create(noSync.subset("storage.embedded"), StorageTestSupport.context(noSync))) {
            assertThat(provider.capabilities()).contains(StorageCapability.PERSISTENT)
                    .doesNotContain(StorageCapability.DURABLE_BEFORE_ACK);
        }

        TrackedConfig memory = TrackedConfig.of(Map.of("storage.embedded.dir", dir.resolve("c").toString(),
                "storage.embedded.durability", "memory"));
        try (StorageProvider provider = factory.create(memory.subset("storage.embedded"), StorageTestSupport.context(memory))) {
            assertThat(provider.capabilities()).doesNotContain(StorageCapability.PERSISTENT,
                    StorageCapability.DURABLE_BEFORE_ACK);
            assertThat(provider.bytesOnDisk()).isZero();
        }
        assertThat(dir.resolve("c")).as("durability memory writes nothing").doesNotExist();
        assertRejected(Map.of("storage.embedded.memory-max-bytes", "1000"), "memory-max-bytes must be at least");
    }

    @Test
    void aDirectoryCanBeOpenedOnlyOnce() {
        try (EmbeddedStorageProvider first = new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir))) {
            assertThatThrownBy(() -> new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir)))
                    .isInstanceOfSatisfying(ImException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));
            assertThat(first.capabilities()).contains(StorageCapability.PERSISTENT);
        }
    }
}
