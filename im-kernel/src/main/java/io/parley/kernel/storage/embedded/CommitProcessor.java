package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What group commit does with one batch, split so that an ack waits for the log alone and the fsync's wait overlaps
 * the next batch. On the committer thread: resolve idempotent retries (in the batch, then through the
 * {@link KeyIndex}), assign conversation and inbox seqs (gapless: a failed write gives its seqs back), encode, write
 * the batch in one write, record its keys, and hand it to the {@link LogSyncer}. On the syncer thread, once an
 * fsync covers it: add its entries to the segment's {@link SegmentMemtable}, move the readable heads (last: the
 * watermark), hand its other records to the {@link StoreIndexer} (which completes their writers once applied), and
 * complete its appends on the completion executor, in order, so that callers' callbacks never run on the storage
 * threads.
 *
 * <p>A failed write leaves nothing behind: the segment cuts a partly written batch off again, and after a failed
 * fsync the {@link LogCutBack} cuts the log back to the end of the last durable batch, every batch written since
 * giving its seqs back. Writes go on being tried, batch by batch, and while none comes the log is probed every
 * {@link StorageHealth#RETRY_INTERVAL}; the first write made durable proves the log works again. While the indexer
 * fails, writes are refused.
 */
final class CommitProcessor implements GroupCommitter.BatchHandler {
    private final MessageLog messageLog;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final HeadCounters heads;
    private final StoreIndexer indexer;
    private final LogSyncer syncer;
    private final StorageMetrics metrics;
    private final StorageHealth health;
    private final Executor completer;
    /** The batch being encoded; reused, since a batch is written before the next is prepared. Committer thread. */
    private final FrameBuffer frames = new FrameBuffer();
    /** The memtable of the segment the committer writes into. Committer thread. */
    private SegmentMemtable writing;
    /** A segment the log rolled past that no written batch has handed over yet; committer thread. */
    private SegmentMemtable sealed;
    private long sealedSize;
    /** Puts the log back in order after a failed write. Committer thread. */
    private final LogCutBack cutBack;

    CommitProcessor(MessageLog messageLog, StreamIndex streams, KeyIndex keys, HeadCounters heads,
            StoreIndexer indexer, LogSyncer syncer, StorageMetrics metrics, StorageHealth health, Executor completer) {
        this.messageLog = messageLog;
        this.streams = streams;
        this.keys = keys;
        this.heads = heads;
        this.indexer = indexer;
        this.syncer = syncer;
        this.metrics = metrics;
        this.health = health;
        this.completer = completer;
        this.cutBack = new LogCutBack(messageLog, syncer, health, this::followCut);
        this.writing = streams.memtable(messageLog.activeBase());
        if (writing == null) {
            throw new IllegalStateException("the active segment has no memtable");
        }
    }

    @Override
    public boolean retrying() {
        return cutBack.pending();
    }

    /** No batch came while the log fails: cut it back if it must be, then probe it. */
    @Override
    public void retry() {
        cutBack.probe();
    }

    /** Leaves no batch that failed in the log behind the store's back. */
    @Override
    public void stopped() {
        cutBack.logInOrder();
    }

    @Override
    public void commit(List<PendingWrite> writes) {
        if (syncer.broken()) {
            fail(writes, new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "storage is unavailable after an earlier failure; a restart recovers from the log"));
            return;
        }
        if (!cutBack.logInOrder()) {
            fail(writes, unavailable("the message log cannot be cut back after a failed write" + why(), null));
            return;
        }
        if (health.failing(StorageHealth.Part.INDEX)) {
            fail(writes, unavailable("the storage index cannot be written; writes are refused until it can" + why(),
                    null));
            return;
        }
        frames.clear();
        Batch batch = new Batch(writes.size());
        try {
            for (PendingWrite write : writes) {
                if (write instanceof PendingWrite.Append append) {
                    batch.append(append);
                } else if (write instanceof PendingWrite.Record record) {
                    batch.record(record.record(), record.future());
                } else if (write instanceof PendingWrite.Rewrite rewrite) {
                    batch.rewrite(rewrite);
                }
            }
        } catch (RuntimeException | InternalError e) {
            // a key lookup or a restatement could not read the log: nothing of the batch is written
            batch.giveSeqsBack();
            fail(writes, e instanceof ImException imException ? imException
                    : unavailable("storage commit failed: " + e, e));
            return;
        }
        if (!batch.records.isEmpty()) {
            Throwable failure = write(batch);
            if (failure != null) {
                batch.giveSeqsBack();
                fail(writes, unavailable("storage write failed: " + failure, failure));
                return;
            }
        }
        // even a batch of duplicates goes through the syncer: their first commits may still await their fsync
        syncer.submit(batch);
    }

    /** The log was cut back to {@code end}: the memtables of the segments that went (nothing durable) go too. */
    private void followCut(long end, long active) throws IOException {
        if (writing.base() != active) {
            streams.removeAfter(active);
            writing = streams.memtable(active);
            if (writing == null) {
                throw new IllegalStateException("the segment at " + active + " has no memtable");
            }
        }
        if (sealed != null && sealed.base() >= active) {
            sealed = null; // the segment rolled past is the one being written again
        }
        keys.coveredThrough(end);
    }

    /** Writes the batch at the end of the log and records its keys; returns why that failed, or null. */
    private Throwable write(Batch batch) {
        long activeBase = messageLog.activeBase();
        long failuresBefore = health.failures(StorageHealth.Part.LOG);
        Throwable failure = null;
        try {
            batch.offsets = messageLog.append(frames);
        } catch (IOException | RuntimeException | InternalError e) {
            failure = e;
        }
        if (messageLog.activeBase() != activeBase) {
            // the log rolled before this batch (written or not): the previous segment is sealed
            sealed = writing;
            sealedSize = messageLog.activeBase() - activeBase;
            writing = streams.addInMemory(messageLog.activeBase());
        }
        if (failure != null) {
            // the segment cut the batch back (or cuts it before the next write)
            health.failed(StorageHealth.Part.LOG, failure);
            return failure;
        }
        // the next written batch hands the sealed segment over, once it is durable
        batch.sealed = sealed;
        batch.sealedSize = sealedSize;
        sealed = null;
        batch.memtable = writing;
        batch.end = messageLog.endOffset();
        batch.failuresBefore = failuresBefore;
        try {
            int message = 0;
            for (int i = 0; i < batch.records.size(); i++) {
                if (batch.records.get(i) instanceof LogRecord.MessageCommitted) {
                    keys.insert(batch.offsets[i], batch.keyLookups.get(message++));
                }
            }
        } catch (RuntimeException | InternalError e) {
            // the key table could not take a key (it is full and could not grow): the batch leaves the log again, so
            // that no retried send is answered with a message that was never acknowledged
            health.failed(StorageHealth.Part.LOG, e);
            sealed = batch.sealed;
            sealedSize = batch.sealedSize;
            cutBack.cutBackTo(batch.offsets[0]);
            cutBack.logInOrder();
            return e;
        }
        if (batch.metadataWrites > 0) {
            for (int i = 0; i < batch.records.size(); i++) {
                StoreIndexer.MetadataKey key = metadataKey(batch.records.get(i));
                if (key != null) {
                    indexer.written(key, batch.offsets[i]);
                }
            }
        }
        keys.coveredThrough(batch.end);
        metrics.batchWritten(batch.records.size());
        return null;
    }

    /** The metadata key a record writes, or null. */
    private static StoreIndexer.MetadataKey metadataKey(LogRecord record) {
        if (record instanceof LogRecord.MetadataPut put) {
            return new StoreIndexer.MetadataKey(put.namespace(), put.key());
        }
        if (record instanceof LogRecord.MetadataDeleted deleted) {
            return new StoreIndexer.MetadataKey(deleted.namespace(), deleted.key());
        }
        return null;
    }

    private String why() {
        return health.failing().map(reason -> " (" + reason + ")").orElse("");
    }

    private static ImException unavailable(String message, Throwable cause) {
        return new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, message, cause);
    }

    private static void fail(List<PendingWrite> writes, ImException failure) {
        writes.forEach(write -> write.fail(failure));
    }

    /** One batch: assembled and written by the committer, made readable and answered by the syncer. */
    private final class Batch implements LogSyncer.Written {
        final List<LogRecord> records;
        /** Per record: the future of its {@code PendingWrite.Record}, or null. */
        final List<CompletableFuture<Long>> recordFutures;
        /** Per write, in order: an append's answer, or a rewrite's. */
        final List<Object> answers;
        /** The message records, in order, and per message its conversation head then its inbox heads. */
        final List<LogRecord.MessageCommitted> messages = new ArrayList<>();
        final List<HeadCounters.Head[]> messageHeads = new ArrayList<>();
        /** Per message, where its idempotency key goes in the key table. */
        final List<KeyIndex.Lookup> keyLookups = new ArrayList<>();
        final Map<String, AppendResult> resultsByKey = new HashMap<>();
        final Map<StoreIndexer.MetadataKey, Optional<String>> metadataInBatch = new HashMap<>();
        final List<PendingWrite> writes = new ArrayList<>();
        long[] offsets = new long[0];
        long end;
        long failuresBefore;
        int metadataWrites;
        SegmentMemtable memtable;
        SegmentMemtable sealed;
        long sealedSize;

        Batch(int writes) {
            records = new ArrayList<>(writes);
            recordFutures = new ArrayList<>(writes);
            answers = new ArrayList<>(writes);
        }

        void append(PendingWrite.Append append) {
            writes.add(append);
            AppendRequest request = append.request();
            AppendResult prior = resultsByKey.get(request.idempotencyKey());
            KeyIndex.Lookup lookup = null;
            if (prior == null) {
                lookup = keys.lookup(request.idempotencyKey());
                prior = lookup.first().map(first -> new AppendResult(first.message(), first.inboxSeqs(), true))
                        .orElse(null);
            }
            if (prior != null) {
                answers.add(new Answered(append, new AppendResult(prior.message(), prior.inboxSeqs(), true)));
                return;
            }
            LogRecord.MessageCommitted record = sequence(request);
            keyLookups.add(lookup);
            AppendResult result = new AppendResult(record.message(), record.inboxSeqs(), false);
            resultsByKey.put(request.idempotencyKey(), result);
            add(record, null);
            answers.add(new Answered(append, result));
        }

        void record(LogRecord record, CompletableFuture<Long> future) {
            if (record instanceof LogRecord.MetadataPut put) {
                metadataInBatch.put(new StoreIndexer.MetadataKey(put.namespace(), put.key()), Optional.of(put.value()));
                metadataWrites++;
            } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                metadataInBatch.put(new StoreIndexer.MetadataKey(deleted.namespace(), deleted.key()), Optional.empty());
                metadataWrites++;
            }
            add(record, future);
        }

        /** What a segment's deletion needs restated, as the log has it at this point of the batch. */
        void rewrite(PendingWrite.Rewrite rewrite) {
            writes.add(rewrite);
            int first = records.size();
            for (List<String> key : rewrite.metadataKeys()) {
                StoreIndexer.MetadataKey metadataKey = new StoreIndexer.MetadataKey(key.get(0), key.get(1));
                Optional<String> value = indexer.currentValue(metadataKey, metadataInBatch);
                if (value.isPresent()) {
                    record(new LogRecord.MetadataPut(key.get(0), key.get(1), value.get()), null);
                }
            }
            Map<String, Long> conversationHeads = new HashMap<>();
            rewrite.conversations().forEach(key -> conversationHeads.put(key, heads.conversationHead(key).assigned));
            Map<String, Long> inboxHeads = new HashMap<>();
            rewrite.inboxes().forEach(user -> inboxHeads.put(user, heads.inboxHead(user).assigned));
            if (!conversationHeads.isEmpty() || !inboxHeads.isEmpty()) {
                add(new LogRecord.HeadsKept(conversationHeads, inboxHeads), null);
            }
            rewrite.cutoffs().ifPresent(cutoffs -> add(new LogRecord.Expired(cutoffs), null));
            answers.add(new Rewritten(rewrite, records.size() > first ? first : -1));
        }

        private void add(LogRecord record, CompletableFuture<Long> future) {
            records.add(record);
            frames.add(record);
            recordFutures.add(future);
        }

        private LogRecord.MessageCommitted sequence(AppendRequest request) {
            Message message = request.message();
            List<String> owners = request.inboxOwners();
            HeadCounters.Head[] touched = new HeadCounters.Head[owners.size() + 1];
            touched[0] = assign(heads.conversationHead(message.conversation().asString()));
            long seq = touched[0].assigned;
            Map<String, Long> assigned = new LinkedHashMap<>();
            for (String owner : owners) {
                if (!assigned.containsKey(owner)) {
                    HeadCounters.Head inbox = assign(heads.inboxHead(owner));
                    touched[1 + assigned.size()] = inbox;
                    assigned.put(owner, inbox.assigned);
                }
            }
            messageHeads.add(touched);
            LogRecord.MessageCommitted record = new LogRecord.MessageCommitted(message.withSeq(seq), assigned,
                    request.idempotencyKey());
            messages.add(record);
            return record;
        }

        private HeadCounters.Head assign(HeadCounters.Head head) {
            head.assigned++;
            return head;
        }

        /**
         * The write failed: the seqs this batch assigned are free again. Each message took exactly one seq on each
         * head it touched, so taking one back per message restores every head. Committer thread.
         */
        void giveSeqsBack() {
            for (HeadCounters.Head[] touched : messageHeads) {
                for (HeadCounters.Head head : touched) {
                    if (head != null) {
                        head.assigned--;
                    }
                }
            }
        }

        /** Syncer thread: the batch is durable; make it readable, hand its records over, answer it. */
        @Override
        public void durable() {
            if (sealed != null) {
                heads.forgetRunsOf(sealed);
                indexer.sealed(sealed.base(), sealedSize);
            }
            List<LogRecord> others = new ArrayList<>();
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            long[] otherOffsets = new long[records.size()];
            int message = 0;
            for (int i = 0; i < records.size(); i++) {
                LogRecord record = records.get(i);
                int position = (int) (offsets[i] - memtable.base());
                if (record instanceof LogRecord.MessageCommitted committed) {
                    index(committed, messageHeads.get(message++), position);
                    continue;
                }
                if (record instanceof LogRecord.MetadataPut put) {
                    memtable.addMetadataKey(put.namespace(), put.key());
                } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                    memtable.addMetadataKey(deleted.namespace(), deleted.key());
                }
                otherOffsets[others.size()] = offsets[i];
                others.add(record);
                futures.add(recordFutures.get(i));
            }
            // the watermark moves last, once every entry below it is in the memtable
            for (int m = 0; m < messageHeads.size(); m++) {
                HeadCounters.Head[] touched = messageHeads.get(m);
                LogRecord.MessageCommitted committed = messages.get(m);
                touched[0].readable = committed.message().seq();
                int i = 1;
                for (long inboxSeq : committed.inboxSeqs().values()) {
                    touched[i++].readable = inboxSeq;
                }
            }
            if (end > 0) {
                indexer.apply(others, Arrays.copyOf(otherOffsets, others.size()), futures, end);
            }
            long durableNanos = System.nanoTime();
            completer.execute(() -> complete(durableNanos));
        }

        private void index(LogRecord.MessageCommitted committed, HeadCounters.Head[] touched, int position) {
            Message m = committed.message();
            long sentTime = m.sentTime();
            int type = m.conversationType().code();
            runOf(touched[0], m.conversation().asString(), m.seq(), true).append(m.seq(), position, sentTime, type);
            int i = 1;
            for (Map.Entry<String, Long> inbox : committed.inboxSeqs().entrySet()) {
                runOf(touched[i++], inbox.getKey(), inbox.getValue(), false)
                        .append(inbox.getValue(), position, sentTime, type);
            }
            memtable.noteMessage(sentTime, type);
            memtable.addUid(KeyTable.hash('u', m.messageUid()), position);
        }

        /** The stream's run in this batch's memtable, from the head's cache when it is there. */
        private SegmentMemtable.Run runOf(HeadCounters.Head head, String key, long seq, boolean conversation) {
            SegmentMemtable.Run run = head.run;
            if (run == null || run.segmentBase() != memtable.base()) {
                run = conversation ? memtable.conversationRun(key, seq) : memtable.inboxRun(key, seq);
                head.run = run;
            }
            return run;
        }

        @Override
        public long end() {
            return end;
        }

        @Override
        public long failuresBefore() {
            return failuresBefore;
        }

        /** What the batch took is free again: its seqs, its pending metadata keys, the sealed segment it carried. */
        @Override
        public void discard() {
            giveSeqsBack();
            if (metadataWrites > 0) {
                for (int i = 0; i < records.size(); i++) {
                    StoreIndexer.MetadataKey key = metadataKey(records.get(i));
                    if (key != null) {
                        indexer.unwritten(key, offsets[i]);
                    }
                }
            }
            if (sealed != null) {
                CommitProcessor.this.sealed = sealed;
                CommitProcessor.this.sealedSize = sealedSize;
            }
        }

        @Override
        public void failed(ImException cause) {
            for (PendingWrite write : writes) {
                write.fail(cause);
            }
            for (CompletableFuture<Long> future : recordFutures) {
                if (future != null) {
                    future.completeExceptionally(cause);
                }
            }
        }

        /** On the completion executor: answers the appends and rewrites, in order. */
        void complete(long durableNanos) {
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
