package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.AppendRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The message log alone, as a baseline for benchmarks: the embedded store's committer thread, batching, record
 * encoding, one write per batch, the fsync on the {@link LogSyncer} (overlapping the next batch, as in the store), and
 * completion on a completer thread, without what the store adds (idempotency, seqs, keys, stream index, heads). {@code StorageAppendBenchmark} runs the store against it in the
 * same run. Not a store: nothing can be read back.
 */
public final class RawLogBaseline implements AutoCloseable {
    private final MessageLog messageLog;
    private final ExecutorService completer;
    private final LogSyncer syncer;
    private final GroupCommitter committer;
    private final FrameBuffer frames = new FrameBuffer();

    public RawLogBaseline(Path dir, int maxBatch) throws IOException {
        this.messageLog = MessageLog.open(dir.resolve("log"), EmbeddedStorageConfig.DEFAULT_SEGMENT_BYTES);
        messageLog.cutTornTail(0);
        this.completer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "raw-log-completer");
            thread.setDaemon(true);
            return thread;
        });
        this.syncer = new LogSyncer("raw-log-syncer", messageLog, true,
                EmbeddedStorageConfig.DEFAULT_SYNC_INTERVAL, StorageMetrics.none(),
                new StorageHealth(StorageMetrics.none()), () -> { });
        syncer.start();
        this.committer = new GroupCommitter("raw-log-committer", maxBatch, Integer.MAX_VALUE, Long.MAX_VALUE,
                () -> { }, () -> false, this::write);
        committer.start();
    }

    /** Appends the message as the store would encode it, durably; completes with its log offset. */
    public CompletableFuture<Long> append(AppendRequest request) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Map<String, Long> inboxSeqs = new HashMap<>();
        for (String owner : request.inboxOwners()) {
            inboxSeqs.put(owner, 0L);
        }
        committer.submit(new PendingWrite.Record(new LogRecord.MessageCommitted(request.message(), inboxSeqs,
                request.idempotencyKey()), done));
        return done;
    }

    private void write(List<PendingWrite> batch) {
        frames.clear();
        for (PendingWrite write : batch) {
            frames.add(((PendingWrite.Record) write).record());
        }
        try {
            long[] offsets = messageLog.append(frames);
            long end = messageLog.endOffset();
            List<PendingWrite> done = List.copyOf(batch); // the committer reuses its batch list
            syncer.submit(new LogSyncer.Written() {
                @Override
                public long end() {
                    return end;
                }

                @Override
                public long failuresBefore() {
                    return 0;
                }

                @Override
                public void durable() {
                    completer.execute(() -> {
                        for (int i = 0; i < done.size(); i++) {
                            ((PendingWrite.Record) done.get(i)).future().complete(offsets[i]);
                        }
                    });
                }

                @Override
                public void failed(ImException cause) {
                    done.forEach(write -> write.fail(cause));
                }
            });
        } catch (IOException e) {
            ImException failure = new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, e.toString(), e);
            batch.forEach(write -> write.fail(failure));
        }
    }

    @Override
    public void close() throws IOException {
        committer.close();
        syncer.close();
        completer.shutdown();
        try {
            completer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        messageLog.close();
    }
}
