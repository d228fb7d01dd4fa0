package io.parley.kernel.storage.memory;

import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import java.util.Set;

/**
 * The {@code memory} storage provider: the storage SPI's semantics with nothing written to disk, for tests,
 * demos and throwaway servers. Declares no capability (not persistent, no durability). Thread-safe; nothing
 * blocks on I/O. After {@link #close()}, appends fail with {@code STORAGE_UNAVAILABLE}.
 */
public final class MemoryStorageProvider implements StorageProvider {
    private final MemoryMessageStore messages = new MemoryMessageStore();
    private final MemoryMetadataStore metadata = new MemoryMetadataStore();

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    @Override
    public Set<StorageCapability> capabilities() {
        return Set.of();
    }

    @Override
    public void close() {
        messages.close();
        metadata.close();
    }
}
