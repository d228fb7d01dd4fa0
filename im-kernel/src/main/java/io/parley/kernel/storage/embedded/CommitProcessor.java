package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the committer does with one batch: resolves idempotent retries, assigns conversation and inbox seqs
 * (gapless: a failed batch gives its seqs back), writes the batch to the log in one write, forces it (when
 * the durability asks for it), applies it to the index and the heads, then completes the futures in order on
 * the completion executor, so that callers' callbacks never run on the committer thread. Runs on the committer
 * thread only; blocks on I/O.
 */
final class CommitProcessor implements GroupCommitter.BatchHandler {
    private static final Logger log = LoggerFactory.getLogger(CommitProcessor.class);

    private final MessageLog messageLog;
    private final IndexStore index;
    private final HeadCounters heads;
    private final EmbeddedStorageConfig config;
    private final StorageMetrics metrics;
    private final Executor completer;
    private final long checkpointNanos;
    private long lastCheckpoint = System.nanoTime();
    private volatile boolean failed;

    CommitProcessor(MessageLog messageLog, IndexStore index, HeadCounters heads, EmbeddedStorageConfig config,
            StorageMetrics metrics, Executor completer) {
        this.messageLog = messageLog;
        this.index = index;
        this.heads = heads;
        this.config = config;
        this.metrics = metrics;
        this.completer = completer;
        this.checkpointNanos = config.checkpointInterval().toNanos();
    }

    /** True once a write could not be made durable or applied: the store then refuses writes. */
    boolean failed() {
        return failed;
    }

    @Override
    public void commit(List<PendingWrite> batch) {
        if (failed) {
            fail(batch, "storage is unavailable after an earlier write failure");
            return;
        }
        Map<String, Long> conversationSeqs = new HashMap<>();
        Map<String, Long> inboxSeqs = new HashMap<>();
        Map<String, AppendResult> resultsByKey = new HashMap<>();
        List<LogRecord> records = new ArrayList<>(batch.size());
        List<byte[]> payloads = new ArrayList<>(batch.size());
        List<Object> results = new ArrayList<>(batch.size());
        for (PendingWrite write : batch) {
            if (write instanceof PendingWrite.Append append) {
                AppendRequest request = append.request();
                AppendResult prior = resultsByKey.get(request.idempotencyKey());
                if (prior == null) {
                    prior = committedResult(request.idempotencyKey());
                }
                if (prior != null) {
                    results.add(new AppendResult(prior.message(), prior.inboxSeqs(), true));
                    continue;
                }
                LogRecord.MessageCommitted record = sequence(request, conversationSeqs, inboxSeqs);
                AppendResult result = new AppendResult(record.message(), record.inboxSeqs(), false);
                resultsByKey.put(request.idempotencyKey(), result);
                records.add(record);
                payloads.add(LogRecordCodec.encode(record));
                results.add(result);
            } else if (write instanceof PendingWrite.Record pending) {
                records.add(pending.record());
                payloads.add(LogRecordCodec.encode(pending.record()));
                results.add(null);
            }
        }
        if (!payloads.isEmpty() && !writeDurably(records, payloads)) {
            fail(batch, "storage write failed");
            return;
        }
        List<PendingWrite> done = List.copyOf(batch);
        completer.execute(() -> complete(done, results));
    }

    private AppendResult committedResult(String idempotencyKey) {
        Long offset = index.offsetOfIdempotencyKey(idempotencyKey);
        if (offset == null) {
            return null;
        }
        LogRecord.MessageCommitted first = (LogRecord.MessageCommitted) messageLog.read(offset);
        return new AppendResult(first.message(), first.inboxSeqs(), true);
    }

    private LogRecord.MessageCommitted sequence(AppendRequest request, Map<String, Long> conversationSeqs,
            Map<String, Long> inboxSeqs) {
        Message message = request.message();
        String conversation = message.conversation().asString();
        long seq = conversationSeqs.getOrDefault(conversation, heads.conversation(conversation)) + 1;
        conversationSeqs.put(conversation, seq);
        Map<String, Long> assigned = new LinkedHashMap<>();
        for (String owner : request.inboxOwners()) {
            if (!assigned.containsKey(owner)) {
                long inboxSeq = inboxSeqs.getOrDefault(owner, heads.inbox(owner)) + 1;
                inboxSeqs.put(owner, inboxSeq);
                assigned.put(owner, inboxSeq);
            }
        }
        return new LogRecord.MessageCommitted(message.withSeq(seq), assigned, request.idempotencyKey());
    }

    private boolean writeDurably(List<LogRecord> records, List<byte[]> payloads) {
        long before = messageLog.endOffset();
        long[] offsets;
        try {
            offsets = messageLog.append(payloads);
            if (config.durability() == Durability.FSYNC) {
                long start = System.nanoTime();
                messageLog.force();
                metrics.fsynced(System.nanoTime() - start);
            }
        } catch (IOException e) {
            log.error("storage: writing a batch of {} records failed", records.size(), e);
            try {
                messageLog.truncateTo(before);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                failed = true;
            }
            if (config.durability() == Durability.FSYNC) {
                failed = true;
            }
            return false;
        }
        metrics.batchWritten(records.size());
        try {
            for (int i = 0; i < offsets.length; i++) {
                apply(records.get(i), offsets[i]);
            }
        } catch (RuntimeException e) {
            log.error("storage: the index could not be updated; refusing further writes", e);
            failed = true;
            return false;
        }
        return true;
    }

    private void apply(LogRecord record, long offset) {
        if (record instanceof LogRecord.MessageCommitted message) {
            index.addMessage(message, offset, Long.MIN_VALUE);
            heads.advanceConversation(message.message().conversation().asString(), message.message().seq());
            message.inboxSeqs().forEach(heads::advanceInbox);
        } else if (record instanceof LogRecord.MetadataPut put) {
            index.putMetadata(put.namespace(), put.key(), put.value());
        } else if (record instanceof LogRecord.MetadataDeleted deleted) {
            index.deleteMetadata(deleted.namespace(), deleted.key());
        }
    }

    @SuppressWarnings("unchecked")
    private static void complete(List<PendingWrite> batch, List<Object> results) {
        for (int i = 0; i < batch.size(); i++) {
            PendingWrite write = batch.get(i);
            if (write instanceof PendingWrite.Append append) {
                append.future().complete((AppendResult) results.get(i));
            } else if (write instanceof PendingWrite.Record pending) {
                ((CompletableFuture<Void>) pending.future()).complete(null);
            }
        }
    }

    private static void fail(List<PendingWrite> batch, String reason) {
        ImException failure = new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, reason);
        batch.forEach(write -> write.fail(failure));
    }

    @Override
    public void tick() {
        long now = System.nanoTime();
        if (!failed && now - lastCheckpoint >= checkpointNanos) {
            checkpoint();
            lastCheckpoint = now;
        }
    }

    /** Flushes the index, recording that it covers the whole log written so far. */
    void checkpoint() {
        index.checkpoint(heads, messageLog.endOffset());
    }
}
