package io.parley.kernel.storage.memory;

import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code memory} storage provider: the storage SPI's semantics with nothing written to disk, for tests,
 * demos, benchmarks and throwaway servers. Declares every capability except {@code PERSISTENT} and
 * {@code DURABLE_BEFORE_ACK}. Thread-safe; nothing blocks on I/O. After {@link #close()}, appends fail with
 * {@code STORAGE_UNAVAILABLE}.
 */
public final class MemoryStorageProvider implements StorageProvider {
    /** What the memory provider can do. */
    public static final Set<StorageCapability> CAPABILITIES = Set.copyOf(EnumSet.of(StorageCapability.HISTORY_BY_TIME,
            StorageCapability.DELETE_MESSAGE, StorageCapability.CLEAN_HISTORY, StorageCapability.RETENTION,
            StorageCapability.SCAN_BY_TIME));

    private final Set<StorageCapability> capabilities;
    private final MemoryMessageStore messages;
    private final MemoryMetadataStore metadata = new MemoryMetadataStore();

    /** Messages take at most a quarter of the heap's limit, by default. */
    public static final long DEFAULT_MAX_BYTES = Runtime.getRuntime().maxMemory() / 4;

    public MemoryStorageProvider() {
        this(CAPABILITIES);
    }

    /** A provider with every capability that holds at most about {@code maxBytes} of messages. */
    public MemoryStorageProvider(long maxBytes) {
        this(CAPABILITIES, maxBytes);
    }

    /**
     * A provider that declares, and supports, only {@code capabilities} (a subset of {@link #CAPABILITIES});
     * the others fail with {@code CAPABILITY_NOT_SUPPORTED}. For testing callers against a weaker backend.
     */
    public MemoryStorageProvider(Set<StorageCapability> capabilities) {
        this(capabilities, DEFAULT_MAX_BYTES);
    }

    private MemoryStorageProvider(Set<StorageCapability> capabilities, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (!CAPABILITIES.containsAll(capabilities)) {
            throw new IllegalArgumentException("the memory provider cannot offer " + capabilities);
        }
        this.capabilities = Set.copyOf(capabilities);
        this.messages = new MemoryMessageStore(this.capabilities, maxBytes);
    }

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
        return capabilities;
    }

    @Override
    public boolean busy() {
        return messages.nearlyFull();
    }

    @Override
    public void close() {
        messages.close();
        metadata.close();
    }
}
