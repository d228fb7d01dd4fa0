package io.parley.api.storage;

import java.util.Optional;
import java.util.Set;

/**
 * A storage backend: message logs, inboxes and metadata. Made by a
 * {@link io.parley.api.plugin.ProviderFactory} of this type and chosen by {@code storage.provider}; the
 * kernel's embedded default is {@code embedded} (an append-only message log plus MapDB).
 *
 * <p>The kernel opens it before anything else and closes it last. {@link #close()} flushes and releases
 * files; appends after close fail. Thread-safe.
 */
public interface StorageProvider extends AutoCloseable {

    MessageStore messages();

    MetadataStore metadata();

    /** The optional abilities this provider has; operations needing others throw {@code CAPABILITY_NOT_SUPPORTED}. */
    Set<StorageCapability> capabilities();

    /** Bytes the provider's files take on local disk now; 0 for a provider without local files. Cheap enough to poll. */
    default long bytesOnDisk() {
        return 0;
    }

    @Override
    void close();

    /**
     * Whether the provider is at or near its bound of queued writes, so that new appends are about to be refused
     * with {@code SERVER_BUSY} (readiness reports it). Cheap and non-blocking; any thread. The default: never.
     */
    default boolean busy() {
        return false;
    }

    /**
     * Why the provider refuses writes now, if it does: its disk is full or failing (appends then fail with
     * {@code STORAGE_UNAVAILABLE}, and readiness reports the server NOT READY with this reason until a write succeeds
     * again). Cheap and non-blocking; any thread. The default: never.
     */
    default Optional<String> failing() {
        return Optional.empty();
    }
}
