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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the committer does with one batch, and nothing more, so that an ack waits for the log alone: resolve
 * idempotent retries (in the batch, then through the {@link KeyIndex}), assign conversation and inbox seqs (gapless:
 * a failed batch gives its seqs back), write the batch in one write and force it (when the durability asks for
 * it), then record what reads need right away, all in memory or in the mapped key table: the keys of each message,
 * its entries in the active segment's {@link SegmentMemtable}, and the heads (the readable watermark, moved last).
 * Appends complete on the completion executor, in order, so that callers' callbacks never run on the committer
 * thread; the batch's other records go to the {@link StoreIndexer}, which completes their writers once applied.
 * Runs on the committer thread only; blocks on I/O.
 */
final class CommitProcessor implements GroupCommitter.BatchHandler {
    private static final Logger log = LoggerFactory.getLogger(CommitProcessor.class);

    private final MessageLog messageLog;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final HeadCounters heads;
    private final StoreIndexer indexer;
    private final Durability durability;
    private final StorageMetrics metrics;
    private final Executor completer;
    private SegmentMemtable active;
    private volatile boolean failed;

    CommitProcessor(MessageLog messageLog, StreamIndex streams, KeyIndex keys, HeadCounters heads,
            StoreIndexer indexer, Durability durability, StorageMetrics metrics, Executor completer) {
        this.messageLog = messageLog;
        this.streams = streams;
        this.keys = keys;
        this.heads = heads;
        this.indexer = indexer;
        this.durability = durability;
        this.metrics = metrics;
        this.completer = completer;
        this.active = streams.memtable(messageLog.activeBase());
        if (active == null) {
            throw new IllegalStateException("the active segment has no memtable");
        }
    }

    /** True once a write could not be made durable or applied: the store then refuses writes. */
    boolean failed() {
        return failed || indexer.failed();
    }

    @Override
    public void commit(List<PendingWrite> batch) {
        if (failed()) {
            fail(batch, "storage is unavailable after an earlier write failure");
            return;
        }
        Batch pending = new Batch(batch.size());
        for (PendingWrite write : batch) {
            if (write instanceof PendingWrite.Append append) {
                pending.append(append);
            } else if (write instanceof PendingWrite.Record record) {
                pending.record(record.record(), record.future());
            } else if (write instanceof PendingWrite.Rewrite rewrite) {
                pending.rewrite(rewrite);
            }
        }
        long[] offsets = pending.payloads.isEmpty() ? new long[0] : writeDurably(pending);
        if (offsets == null) {
            fail(batch, "storage write failed");
            return;
        }
        long durableNanos = System.nanoTime();
        record(pending, offsets);
        completer.execute(() -> pending.complete(offsets, durableNanos));
    }

    /** Writes and forces (per durability) the batch's records; returns their offsets, or null on failure. */
    private long[] writeDurably(Batch batch) {
        long before = messageLog.endOffset();
        long activeBase = messageLog.activeBase();
        long[] offsets;
        try {
            offsets = messageLog.append(batch.payloads);
            if (durability == Durability.FSYNC) {
                long start = System.nanoTime();
                messageLog.force();
                metrics.fsynced(System.nanoTime() - start);
            }
        } catch (IOException e) {
            log.error("storage: writing a batch of {} records failed", batch.payloads.size(), e);
            try {
                messageLog.truncateTo(before);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                failed = true;
            }
            if (durability == Durability.FSYNC) {
                failed = true;
            }
            return null;
        }
        if (messageLog.activeBase() != activeBase) {
            // the log rolled before this batch: the previous segment is sealed and gets its index file
            indexer.sealed(activeBase, messageLog.activeBase() - activeBase);
            active = streams.addInMemory(messageLog.activeBase());
        }
        metrics.batchWritten(batch.payloads.size());
        return offsets;
    }

    /**
     * Makes the durable batch readable: keys, stream entries, then heads; hands the other records to the indexer.
     */
    private void record(Batch batch, long[] offsets) {
        try {
            List<LogRecord> others = new ArrayList<>();
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            long[] otherOffsets = new long[batch.records.size()];
            for (int i = 0; i < batch.records.size(); i++) {
                LogRecord record = batch.records.get(i);
                long offset = offsets[i];
                if (record instanceof LogRecord.MessageCommitted message) {
                    keys.insert(message, offset);
                    Message m = message.message();
                    active.addMessage(m.conversation().asString(), m.seq(), message.inboxSeqs(),
                            (int) (offset - active.base()), m.sentTime(), m.conversationType().code());
                } else {
                    if (record instanceof LogRecord.MetadataPut put) {
                        active.addMetadataKey(put.namespace(), put.key());
                        indexer.written(new StoreIndexer.MetadataKey(put.namespace(), put.key()), offset);
                    } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                        active.addMetadataKey(deleted.namespace(), deleted.key());
                        indexer.written(new StoreIndexer.MetadataKey(deleted.namespace(), deleted.key()), offset);
                    }
                    otherOffsets[others.size()] = offset;
                    others.add(record);
                    futures.add(batch.recordFutures.get(i));
                }
            }
            for (int i = 0; i < batch.records.size(); i++) {
                if (batch.records.get(i) instanceof LogRecord.MessageCommitted message) {
                    heads.advanceConversation(message.message().conversation().asString(), message.message().seq());
                    message.inboxSeqs().forEach(heads::advanceInbox);
                }
            }
            indexer.apply(others, java.util.Arrays.copyOf(otherOffsets, others.size()), futures,
                    messageLog.endOffset());
        } catch (RuntimeException e) {
            log.error("storage: a durable batch could not be indexed; refusing further writes", e);
            failed = true;
            throw e;
        }
    }

    private static void fail(List<PendingWrite> batch, String reason) {
        ImException failure = new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, reason);
        batch.forEach(write -> write.fail(failure));
    }

    @Override
    public void tick() {
    }

    /** One batch being assembled: its records (in write order), payloads and what each write is answered. */
    private final class Batch {
        final List<LogRecord> records;
        final List<byte[]> payloads;
        /** The future of each record that is a {@code PendingWrite.Record}'s, else null. */
        final List<CompletableFuture<Long>> recordFutures;
        /** Per write, in order: its append (with its result or duplicate), or its rewrite and first record. */
        final List<Object> answers;
        final Map<String, Long> conversationSeqs = new HashMap<>();
        final Map<String, Long> inboxSeqs = new HashMap<>();
        final Map<String, AppendResult> resultsByKey = new HashMap<>();
        final Map<StoreIndexer.MetadataKey, Optional<String>> metadataInBatch = new HashMap<>();

        Batch(int writes) {
            records = new ArrayList<>(writes);
            payloads = new ArrayList<>(writes);
            recordFutures = new ArrayList<>(writes);
            answers = new ArrayList<>(writes);
        }

        void append(PendingWrite.Append append) {
            AppendRequest request = append.request();
            AppendResult prior = resultsByKey.get(request.idempotencyKey());
            if (prior == null) {
                prior = keys.byIdempotencyKey(request.idempotencyKey())
                        .map(first -> new AppendResult(first.message(), first.inboxSeqs(), true)).orElse(null);
            }
            if (prior != null) {
                answers.add(new Answered(append, new AppendResult(prior.message(), prior.inboxSeqs(), true)));
                return;
            }
            LogRecord.MessageCommitted record = sequence(request);
            AppendResult result = new AppendResult(record.message(), record.inboxSeqs(), false);
            resultsByKey.put(request.idempotencyKey(), result);
            add(record, null);
            answers.add(new Answered(append, result));
        }

        void record(LogRecord record, CompletableFuture<Long> future) {
            if (record instanceof LogRecord.MetadataPut put) {
                metadataInBatch.put(new StoreIndexer.MetadataKey(put.namespace(), put.key()), Optional.of(put.value()));
            } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                metadataInBatch.put(new StoreIndexer.MetadataKey(deleted.namespace(), deleted.key()), Optional.empty());
            }
            add(record, future);
        }

        /** What a segment's deletion needs restated, as the log has it at this point of the batch. */
        void rewrite(PendingWrite.Rewrite rewrite) {
            int first = records.size();
            for (List<String> key : rewrite.metadataKeys()) {
                StoreIndexer.MetadataKey metadataKey = new StoreIndexer.MetadataKey(key.get(0), key.get(1));
                Optional<String> value = indexer.currentValue(metadataKey, metadataInBatch);
                if (value.isPresent()) {
                    record(new LogRecord.MetadataPut(key.get(0), key.get(1), value.get()), null);
                }
            }
            Map<String, Long> conversationHeads = new HashMap<>();
            rewrite.conversations().forEach(key -> conversationHeads.put(key,
                    conversationSeqs.getOrDefault(key, heads.conversation(key))));
            Map<String, Long> inboxHeads = new HashMap<>();
            rewrite.inboxes().forEach(user -> inboxHeads.put(user, inboxSeqs.getOrDefault(user, heads.inbox(user))));
            if (!conversationHeads.isEmpty() || !inboxHeads.isEmpty()) {
                add(new LogRecord.HeadsKept(conversationHeads, inboxHeads), null);
            }
            rewrite.cutoffs().ifPresent(cutoffs -> add(new LogRecord.Expired(cutoffs), null));
            answers.add(new Rewritten(rewrite, records.size() > first ? first : -1));
        }

        private void add(LogRecord record, CompletableFuture<Long> future) {
            records.add(record);
            payloads.add(LogRecordCodec.encode(record));
            recordFutures.add(future);
        }

        private LogRecord.MessageCommitted sequence(AppendRequest request) {
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

        /** On the completion executor: answers the appends and rewrites, in order. */
        void complete(long[] offsets, long durableNanos) {
            for (Object answer : answers) {
                if (answer instanceof Answered answered) {
                    metrics.committed(durableNanos - answered.append.submittedNanos());
                    answered.append.future().complete(answered.result);
                } else if (answer instanceof Rewritten rewritten) {
                    rewritten.rewrite.future().complete(rewritten.first < 0 ? -1L : offsets[rewritten.first]);
                }
            }
        }
    }

    private record Answered(PendingWrite.Append append, AppendResult result) {
    }

    private record Rewritten(PendingWrite.Rewrite rewrite, int first) {
    }
}
