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
import java.util.Optional;
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
        Map<List<String>, Optional<String>> metadataInBatch = new HashMap<>();
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
                add(record, records, payloads);
                results.add(result);
            } else if (write instanceof PendingWrite.Record pending) {
                if (pending.record() instanceof LogRecord.MetadataPut put) {
                    metadataInBatch.put(List.of(put.namespace(), put.key()), Optional.of(put.value()));
                } else if (pending.record() instanceof LogRecord.MetadataDeleted deleted) {
                    metadataInBatch.put(List.of(deleted.namespace(), deleted.key()), Optional.empty());
                }
                add(pending.record(), records, payloads);
                results.add(records.size() - 1);
            } else if (write instanceof PendingWrite.Rewrite rewrite) {
                int first = records.size();
                for (LogRecord record : rewritten(rewrite, metadataInBatch)) {
                    add(record, records, payloads);
                }
                results.add(records.size() > first ? first : -1);
            }
        }
        long[] offsets = payloads.isEmpty() ? new long[0] : writeDurably(records, payloads);
        if (offsets == null) {
            fail(batch, "storage write failed");
            return;
        }
        List<PendingWrite> done = List.copyOf(batch);
        long now = System.nanoTime();
        completer.execute(() -> complete(done, results, offsets, now));
    }

    private static void add(LogRecord record, List<LogRecord> records, List<byte[]> payloads) {
        records.add(record);
        payloads.add(LogRecordCodec.encode(record));
    }

    /** What a segment's deletion needs re-stated, read from the index and heads as of this point in the batch. */
    private List<LogRecord> rewritten(PendingWrite.Rewrite rewrite, Map<List<String>, Optional<String>> inBatch) {
        List<LogRecord> records = new ArrayList<>();
        for (List<String> key : rewrite.metadataKeys()) {
            Optional<String> value = inBatch.containsKey(key) ? inBatch.get(key)
                    : Optional.ofNullable(index.getMetadata(key.get(0), key.get(1)));
            value.ifPresent(v -> records.add(new LogRecord.MetadataPut(key.get(0), key.get(1), v)));
        }
        Map<String, Long> conversationHeads = new HashMap<>();
        rewrite.conversations().forEach(key -> conversationHeads.put(key, heads.conversation(key)));
        Map<String, Long> inboxHeads = new HashMap<>();
        rewrite.inboxes().forEach(user -> inboxHeads.put(user, heads.inbox(user)));
        if (!conversationHeads.isEmpty() || !inboxHeads.isEmpty()) {
            records.add(new LogRecord.HeadsKept(conversationHeads, inboxHeads));
        }
        rewrite.cutoffs().ifPresent(cutoffs -> records.add(new LogRecord.Expired(cutoffs)));
        return records;
    }

    private AppendResult committedResult(String idempotencyKey) {
        Long offset = index.offsetOfIdempotencyKey(idempotencyKey);
        if (offset == null) {
            return null;
        }
        return messageLog.readIfPresent(offset)
                .map(record -> (LogRecord.MessageCommitted) record)
                .map(first -> new AppendResult(first.message(), first.inboxSeqs(), true))
                .orElse(null);
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

    /** Writes, forces (per durability) and applies the records; returns their offsets, or null on failure. */
    private long[] writeDurably(List<LogRecord> records, List<byte[]> payloads) {
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
            return null;
        }
        metrics.batchWritten(records.size());
        try {
            for (int i = 0; i < offsets.length; i++) {
                apply(records.get(i), offsets[i]);
            }
        } catch (RuntimeException e) {
            log.error("storage: the index could not be updated; refusing further writes", e);
            failed = true;
            return null;
        }
        return offsets;
    }

    /**
     * Applies what the index learns at commit time: messages, metadata, heads. Deletes, cleans and expiries
     * are applied by their callers once durable (off this thread), and by recovery on replay.
     */
    private void apply(LogRecord record, long offset) {
        CommitTimeIndex.apply(index, heads, record, offset);
    }

    private void complete(List<PendingWrite> batch, List<Object> results, long[] offsets, long durableNanos) {
        for (int i = 0; i < batch.size(); i++) {
            PendingWrite write = batch.get(i);
            if (write instanceof PendingWrite.Append append) {
                metrics.committed(durableNanos - append.submittedNanos());
                append.future().complete((AppendResult) results.get(i));
            } else if (write instanceof PendingWrite.Record pending) {
                pending.future().complete(offsets[(Integer) results.get(i)]);
            } else if (write instanceof PendingWrite.Rewrite rewrite) {
                int first = (Integer) results.get(i);
                rewrite.future().complete(first < 0 ? -1L : offsets[first]);
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
