package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded storage provider ({@code embedded}): a segmented, CRC-checked message log under {@code <dir>/log/}
 * that is the truth, and what is derived from it: an index file per sealed segment ({@code <dir>/index/}) and a
 * memtable for the segment being written, a key table ({@code keys.table}), a metadata index
 * ({@code meta.mapdb}) and a heads snapshot ({@code heads.snapshot}). The constructor opens (and recovers) the
 * data on the calling thread, blocking on I/O, and starts four threads: the committer (group commit: seqs,
 * encoding, the write), the syncer (the fsync, overlapping the next batch, then the watermark; an ack waits for the
 * log alone), the completer (completes append futures in order) and the indexer (metadata, removals, index files,
 * checkpoints). The directory is locked for the provider's life. {@link #close()} finishes queued
 * writes and checkpoints; appends after close fail with {@code STORAGE_UNAVAILABLE}. With durability
 * {@code memory} the same engine keeps its segments and tables in memory (segments off the heap), within
 * {@code memory-max-bytes}, and nothing survives the process. While its writes fail (a full disk), appends fail with
 * {@code STORAGE_UNAVAILABLE}, {@link #failing()} says why, and the store retries until a write succeeds.
 */
public final class EmbeddedStorageProvider implements StorageProvider {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStorageProvider.class);

    private final EmbeddedStorageConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final MessageLog messageLog;
    private final StoreRecovery.Recovered recovered;
    private final StorageHealth health;
    private final ExecutorService completer;
    private final StoreIndexer indexer;
    private final LogSyncer syncer;
    private final CommitProcessor processor;
    private final GroupCommitter committer;
    private final EmbeddedMessageStore messages;
    private final EmbeddedMetadataStore metadata;
    private volatile boolean closed;

    public EmbeddedStorageProvider(EmbeddedStorageConfig config) {
        this(config, StorageMetrics.none());
    }

    public EmbeddedStorageProvider(EmbeddedStorageConfig config, StorageMetrics metrics) {
        this.config = config;
        boolean inMemory = config.durability() == Durability.MEMORY;
        Path dir = inMemory ? null : config.dir();
        FileChannel channel = null;
        MessageLog openedLog = null;
        StoreRecovery.Recovered opened = null;
        try {
            if (inMemory) {
                this.lock = null;
                this.lockChannel = null;
                openedLog = MessageLog.inMemory(config.segmentBytes());
                opened = StoreRecovery.fresh(openedLog);
            } else {
                Files.createDirectories(dir);
                channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                this.lock = tryLock(channel, dir);
                this.lockChannel = channel;
                openedLog = MessageLog.open(dir.resolve("log"), config.segmentBytes());
                opened = StoreRecovery.recover(dir, openedLog, config.durability() == Durability.FSYNC);
            }
            this.recovered = opened;
            this.messageLog = openedLog;
            KeyIndex keys = new KeyIndex(opened.keyTable(), messageLog, opened.streams());
            RecordApplier applier = new RecordApplier(opened.metadata(), opened.removals(), opened.heads(),
                    opened.streams(), keys, false);
            keys.coveredThrough(messageLog.endOffset());
            this.health = new StorageHealth(metrics);
            this.indexer = new StoreIndexer(dir, messageLog, opened.streams(), keys, opened.metadata(),
                    opened.removals(), opened.heads(), applier, metrics, health, config, messageLog.endOffset(),
                    opened.headsSnapshotOffset());
            // the syncer wakes the committer after a failed fsync; both are made before either starts
            AtomicReference<GroupCommitter> wakeable = new AtomicReference<>();
            this.completer = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "parley-storage-completer");
                thread.setDaemon(true);
                return thread;
            });
            this.syncer = new LogSyncer("parley-storage-syncer", messageLog,
                    config.durability() == Durability.FSYNC, config.syncInterval(), metrics, health,
                    () -> wakeable.get().wake());
            this.processor = new CommitProcessor(messageLog, opened.streams(), keys, opened.heads(), indexer, syncer,
                    metrics, health, completer);
            MessageLog written = messageLog;
            this.committer = new GroupCommitter("parley-storage-committer", config.maxBatch(),
                    config.maxQueuedAppends(), config.maxQueuedBytes(), metrics::refusedBusy,
                    inMemory ? () -> written.bytes() >= config.memoryMaxBytes() : () -> false, processor);
            wakeable.set(committer);
            SegmentReclaimer reclaimer = new SegmentReclaimer(messageLog, opened.streams(), opened.removals(),
                    committer);
            EmbeddedHistory history = new EmbeddedHistory(capabilities(), committer, opened.streams(), keys,
                    opened.removals(), messageLog, reclaimer);
            this.messages = new EmbeddedMessageStore(committer, opened.streams(), keys, opened.removals(), messageLog,
                    opened.heads(), history, () -> closed);
            this.metadata = new EmbeddedMetadataStore(committer, opened.metadata(), () -> closed);
            if (!inMemory) {
                metrics.bytesOnDisk(this::bytesOnDisk);
            }
            metrics.queue(committer::queuedAppends);
            indexer.start();
            for (long[] sealed : opened.sealedInMemory()) {
                indexer.sealed(sealed[0], sealed[1]);
            }
            syncer.start();
            committer.start();
            if (inMemory) {
                log.info("storage: embedded store in memory, at most {} bytes (storage.embedded.memory-max-bytes)",
                        config.memoryMaxBytes());
            } else {
                log.info("storage: embedded store open in {} (durability {}, log ends at {})", dir,
                        config.durability().configName(), messageLog.endOffset());
            }
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                closeQuietly(opened.streams());
                closeQuietly(opened.keyTable());
                closeQuietly(opened.metadata());
            }
            closeQuietly(openedLog);
            closeQuietly(channel);
            if (e instanceof ImException imException) {
                throw imException;
            }
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "cannot open the embedded storage in " + dir + ": " + e, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock fileLock;
        try {
            fileLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            fileLock = null;
        }
        if (fileLock == null) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "the storage directory " + dir + " is already in use by another provider");
        }
        return fileLock;
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
        Set<StorageCapability> capabilities = EnumSet.of(StorageCapability.HISTORY_BY_TIME,
                StorageCapability.DELETE_MESSAGE, StorageCapability.CLEAN_HISTORY, StorageCapability.RETENTION,
                StorageCapability.SCAN_BY_TIME);
        if (config.durability() != Durability.MEMORY) {
            capabilities.add(StorageCapability.PERSISTENT);
        }
        if (config.durability() == Durability.FSYNC) {
            capabilities.add(StorageCapability.DURABLE_BEFORE_ACK);
        }
        return capabilities;
    }

    /** The message log's segments plus the derived files. */
    @Override
    public long bytesOnDisk() {
        if (config.durability() == Durability.MEMORY) {
            return 0;
        }
        long bytes = messageLog.bytes();
        try (Stream<Path> files = Files.walk(config.dir())) {
            bytes += files.filter(file -> !file.startsWith(config.dir().resolve("log")) && Files.isRegularFile(file))
                    .mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file went away while walking; count what was seen
        }
        return bytes;
    }

    public EmbeddedStorageConfig config() {
        return config;
    }

    /** What opening did: replayed the log after the last checkpoint, or rebuilt from the whole log. */
    public RecoveryReport recovery() {
        return recovered.report();
    }

    /** Whether the commit queue is at 80% or more of its bound (readiness reports it). */
    @Override
    public boolean busy() {
        return committer.nearlyFull(0.8) || config.durability() == Durability.MEMORY
                && messageLog.bytes() >= config.memoryMaxBytes() * 0.8;
    }

    /** Why the store's writes fail now (a full or failing disk), if they do; readiness reports it. */
    @Override
    public Optional<String> failing() {
        if (syncer.broken()) {
            return Optional.of("STORAGE_FAILING: recording durable writes failed; writes are refused until a restart");
        }
        return health.failing();
    }

    /** Checkpoints now (tests, operations); blocks until done. */
    public void checkpoint() {
        indexer.checkpointNow();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        committer.close();
        syncer.close();
        completer.shutdown();
        try {
            completer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (health.failing().isEmpty()) {
                messageLog.force();
            }
            indexer.close();
            if (health.failing().isPresent()) {
                log.warn("storage: closed while its writes failed; the next start replays the log from the last"
                        + " checkpoint");
            }
        } catch (IOException | RuntimeException e) {
            log.error("storage: closing the embedded store failed; the next start replays the log", e);
        } finally {
            closeQuietly(recovered.keyTable());
            closeQuietly(recovered.streams());
            closeQuietly(recovered.metadata());
            closeQuietly(messageLog);
            if (lock != null) {
                try {
                    lock.release();
                } catch (IOException e) {
                    log.debug("storage: releasing the directory lock failed", e);
                }
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("storage: close failed", e);
        }
    }
}
