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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What group commit does with one batch, split so that an ack waits for the log alone and the fsync's wait overlaps
 * the next batch. On the committer thread: resolve idempotent retries (in the batch, then through the
 * {@link KeyIndex}), assign conversation and inbox seqs (gapless: a failed write gives its seqs back), encode, write
 * the batch in one write, record its keys, and hand it to the {@link LogSyncer}. On the syncer thread, once an
 * fsync covers it: add its entries to the segment's {@link SegmentMemtable}, move the readable heads (last: the
 * watermark), hand its other records to the {@link StoreIndexer} (which completes their writers once applied), and
 * complete its appends on the completion executor, in order, so that callers' callbacks never run on the storage
 * threads.
 */
final class CommitProcessor implements GroupCommitter.BatchHandler {
    private static final Logger log = LoggerFactory.getLogger(CommitProcessor.class);

    private final MessageLog messageLog;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final HeadCounters heads;
    private final StoreIndexer indexer;
    private final LogSyncer syncer;
    private final StorageMetrics metrics;
    private final Executor completer;
    /** The batch being encoded; reused, since a batch is written before the next is prepared. Committer thread. */
    private final FrameBuffer frames = new FrameBuffer();
    /** The memtable of the segment the committer writes into. Committer thread. */
    private SegmentMemtable writing;
    /** A segment the log rolled past that no written batch has handed over yet; committer thread. */
    private SegmentMemtable sealed;
    private long sealedSize;
    private volatile boolean failed;

    CommitProcessor(MessageLog messageLog, StreamIndex streams, KeyIndex keys, HeadCounters heads,
            StoreIndexer indexer, LogSyncer syncer, StorageMetrics metrics, Executor completer) {
        this.messageLog = messageLog;
        this.streams = streams;
        this.keys = keys;
        this.heads = heads;
        this.indexer = indexer;
        this.syncer = syncer;
        this.metrics = metrics;
        this.completer = completer;
        this.writing = streams.memtable(messageLog.activeBase());
        if (writing == null) {
            throw new IllegalStateException("the active segment has no memtable");
        }
    }

    /** True once a write could not be made durable or recorded: the store then refuses writes. */
    boolean failed() {
        return failed || syncer.failed() || indexer.failed();
    }

    @Override
    public void commit(List<PendingWrite> writes) {
        if (failed()) {
            fail(writes, new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "storage is unavailable after an earlier write failure"));
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
        } catch (RuntimeException e) {
            // a key lookup or a restatement could not read the log: nothing of the batch is written
            batch.giveSeqsBack();
            fail(writes, e instanceof ImException imException ? imException
                    : new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage commit failed: " + e, e));
            return;
        }
        if (!batch.records.isEmpty() && !write(batch)) {
            batch.giveSeqsBack();
            fail(writes, new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage write failed"));
            return;
        }
        // even a batch of duplicates goes through the syncer: their first commits may still await their fsync
        syncer.submit(batch);
    }

    /** Writes the batch at the end of the log and records its keys; false when the write failed. */
    private boolean write(Batch batch) {
        long activeBase = messageLog.activeBase();
        IOException failure = null;
        try {
            batch.offsets = messageLog.append(frames);
        } catch (IOException e) {
            failure = e;
        }
        if (messageLog.activeBase() != activeBase) {
            // the log rolled before this batch (written or not): the previous segment is sealed
            sealed = writing;
            sealedSize = messageLog.activeBase() - activeBase;
            writing = streams.addInMemory(messageLog.activeBase());
        }
        if (failure != null) {
            log.error("storage: writing a batch of {} records failed", batch.records.size(), failure);
            // the segment cut the batch back; if it could not, what follows the log's end is unknown
            failed = failure.getSuppressed().length > 0;
            return false;
        }
        // the next written batch hands the sealed segment over, once it is durable
        batch.sealed = sealed;
        batch.sealedSize = sealedSize;
        sealed = null;
        batch.memtable = writing;
        batch.end = messageLog.endOffset();
        int message = 0;
        for (int i = 0; i < batch.records.size(); i++) {
            LogRecord record = batch.records.get(i);
            if (record instanceof LogRecord.MessageCommitted committed) {
                keys.insert(batch.offsets[i], batch.keyLookups.get(message++));
            } else if (record instanceof LogRecord.MetadataPut put) {
                indexer.written(new StoreIndexer.MetadataKey(put.namespace(), put.key()), batch.offsets[i]);
            } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                indexer.written(new StoreIndexer.MetadataKey(deleted.namespace(), deleted.key()), batch.offsets[i]);
            }
        }
        keys.coveredThrough(batch.end);
        metrics.batchWritten(batch.records.size());
        return true;
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
            } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                metadataInBatch.put(new StoreIndexer.MetadataKey(deleted.namespace(), deleted.key()), Optional.empty());
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
