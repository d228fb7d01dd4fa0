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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded storage provider ({@code embedded}): a segmented, CRC-checked message log under
 * {@code <dir>/log/} that is the truth, plus a MapDB index ({@code <dir>/index.mapdb}) derived from it.
 * The constructor opens (and if needed recovers) the data on the calling thread, blocking on I/O, and starts
 * two threads: the committer (group commit) and the completer (completes append futures in order). The
 * directory is locked for the provider's life. {@link #close()} finishes queued writes, checkpoints the
 * index and marks it clean; appends after close fail with {@code STORAGE_UNAVAILABLE}.
 */
public final class EmbeddedStorageProvider implements StorageProvider {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStorageProvider.class);

    private final EmbeddedStorageConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final MessageLog messageLog;
    private final IndexStore index;
    private final RecoveryReport recovery;
    private final ExecutorService completer;
    private final CommitProcessor processor;
    private final GroupCommitter committer;
    private final EmbeddedMessageStore messages;
    private final EmbeddedMetadataStore metadata;
    private volatile boolean closed;

    public EmbeddedStorageProvider(EmbeddedStorageConfig config) {
        this(config, StorageMetrics.none());
    }

    public EmbeddedStorageProvider(EmbeddedStorageConfig config, StorageMetrics metrics) {
        if (config.durability() == Durability.MEMORY) {
            throw ImException.invalidParameter("the embedded provider keeps files; durability=memory is served by"
                    + " the memory provider (EmbeddedStorageProviderFactory switches to it)");
        }
        this.config = config;
        Path dir = config.dir();
        FileChannel channel = null;
        MessageLog openedLog = null;
        IndexStore openedIndex = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = tryLock(channel, dir);
            this.lockChannel = channel;
            openedLog = MessageLog.open(dir.resolve("log"), config.segmentBytes());
            HeadCounters heads = new HeadCounters();
            IndexRecovery.Recovered recovered = IndexRecovery.recover(dir, openedLog, heads);
            openedIndex = recovered.index();
            this.index = openedIndex;
            this.recovery = recovered.report();
            this.messageLog = openedLog;
            this.completer = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "parley-storage-completer");
                thread.setDaemon(true);
                return thread;
            });
            this.processor = new CommitProcessor(messageLog, index, heads, config, metrics, completer);
            this.committer = new GroupCommitter("parley-storage-committer", config.maxBatch(), processor);
            EmbeddedHistory history = new EmbeddedHistory(capabilities(), committer, index, messageLog,
                    recovered.cutoffs());
            this.messages = new EmbeddedMessageStore(committer, index, messageLog, heads, history, () -> closed);
            this.metadata = new EmbeddedMetadataStore(committer, index, () -> closed);
            metrics.bytesOnDisk(this::bytesOnDisk);
            committer.start();
            log.info("storage: embedded store open in {} (durability {}, log ends at {})", dir,
                    config.durability().configName(), messageLog.endOffset());
        } catch (IOException | RuntimeException e) {
            closeQuietly(openedIndex);
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
        Set<StorageCapability> capabilities = EnumSet.of(StorageCapability.PERSISTENT,
                StorageCapability.HISTORY_BY_TIME, StorageCapability.DELETE_MESSAGE, StorageCapability.CLEAN_HISTORY,
                StorageCapability.RETENTION, StorageCapability.SCAN_BY_TIME);
        if (config.durability() == Durability.FSYNC) {
            capabilities.add(StorageCapability.DURABLE_BEFORE_ACK);
        }
        return capabilities;
    }

    /** The message log's segments plus the index file. */
    @Override
    public long bytesOnDisk() {
        long bytes = messageLog.bytes();
        try {
            bytes += Files.size(config.dir().resolve(IndexRecovery.INDEX_FILE));
        } catch (IOException e) {
            // the index is being replaced; count the log alone
        }
        return bytes;
    }

    public EmbeddedStorageConfig config() {
        return config;
    }

    /** What opening did to the index: replayed after a clean close, or rebuilt from the whole log. */
    public RecoveryReport recovery() {
        return recovery;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        committer.close();
        completer.shutdown();
        try {
            completer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (processor.failed()) {
                index.close();
                log.warn("storage: closed after a write failure; the index will be rebuilt on next start");
            } else {
                messageLog.force();
                processor.checkpoint();
                index.close();
                IndexRecovery.markClean(config.dir());
            }
        } catch (IOException | RuntimeException e) {
            log.error("storage: closing the embedded store failed; the index will be rebuilt on next start", e);
        } finally {
            closeQuietly(messageLog);
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("storage: releasing the directory lock failed", e);
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
