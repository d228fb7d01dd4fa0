package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.MetadataStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The embedded {@link MetadataStore}: a put or delete is a log record written by the committer (so it shares
 * a batch's fsync) and returns once the indexer has applied it to the {@link MetadataIndex}, so it can be read
 * back at once; reads go to the metadata index. Thread-safe; every method blocks (writes until their batch is
 * durable and applied).
 */
final class EmbeddedMetadataStore implements MetadataStore {
    private final GroupCommitter committer;
    private final MetadataIndex index;
    private final BooleanSupplier closed;

    EmbeddedMetadataStore(GroupCommitter committer, MetadataIndex index, BooleanSupplier closed) {
        this.committer = committer;
        this.index = index;
        this.closed = closed;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(key, "key is null");
        checkOpen();
        return Optional.ofNullable(index.get(namespace, key));
    }

    @Override
    public void put(String namespace, String key, String value) {
        write(new LogRecord.MetadataPut(namespace, key, value));
    }

    @Override
    public void delete(String namespace, String key) {
        write(new LogRecord.MetadataDeleted(namespace, key));
    }

    @Override
    public Map<String, String> scan(String namespace, String keyPrefix) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(keyPrefix, "keyPrefix is null");
        checkOpen();
        return index.scan(namespace, keyPrefix, "", Integer.MAX_VALUE);
    }

    @Override
    public Map<String, String> scanPage(String namespace, String keyPrefix, String afterKey, int limit) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(afterKey, "afterKey is null");
        checkOpen();
        return index.scan(namespace, keyPrefix, afterKey, limit);
    }

    private void write(LogRecord record) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        committer.submit(new PendingWrite.Record(record, done));
        EmbeddedMessageStore.await(done);
    }

    private void checkOpen() {
        if (closed.getAsBoolean()) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
        }
    }
}
