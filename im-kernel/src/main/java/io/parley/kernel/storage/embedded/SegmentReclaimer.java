package io.parley.kernel.storage.embedded;

import io.parley.api.storage.RetentionCutoffs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Gives disk space back after retention: deletes sealed log segments, oldest first, while every message in
 * the oldest one is gone from the index (expired, deleted or cleaned). Before a segment goes, the committer
 * re-appends what it still proves (current metadata values, heads, the latest cutoffs) and the idempotency
 * keys pointing into it are forgotten. Oldest-first keeps replay exact: a delete or clean record only ever
 * refers to records before it. A segment holding one live message stays (and so do the segments after it)
 * until that message expires. Runs on the sweeper's thread; blocks on I/O; never stalls the committer.
 */
final class SegmentReclaimer {
    private final MessageLog messageLog;
    private final IndexStore index;
    private final GroupCommitter committer;
    private final Supplier<Optional<RetentionCutoffs>> cutoffs;

    SegmentReclaimer(MessageLog messageLog, IndexStore index, GroupCommitter committer,
            Supplier<Optional<RetentionCutoffs>> cutoffs) {
        this.messageLog = messageLog;
        this.index = index;
        this.committer = committer;
        this.cutoffs = cutoffs;
    }

    /** Deletes every deletable segment; returns the bytes freed. */
    synchronized long reclaim() throws IOException {
        long freed = 0;
        List<LogSegment> segments = messageLog.segments();
        for (LogSegment segment : segments.subList(0, segments.size() - 1)) {
            Contents contents = deadContents(segment);
            if (contents == null) {
                break;
            }
            CompletableFuture<Long> rewritten = new CompletableFuture<>();
            committer.submit(new PendingWrite.Rewrite(contents.metadataKeys, contents.conversations, contents.inboxes,
                    cutoffs.get(), rewritten));
            EmbeddedMessageStore.await(rewritten);
            for (int i = 0; i < contents.idempotencyKeys.size(); i++) {
                index.forgetIdempotencyKey(contents.idempotencyKeys.get(i), contents.idempotencyOffsets.get(i));
            }
            freed += segment.size();
            messageLog.deleteSegment(segment);
        }
        return freed;
    }

    /** What a segment holds, or null when a message in it is still live. */
    private Contents deadContents(LogSegment segment) throws IOException {
        Contents contents = new Contents();
        long base = segment.baseOffset();
        boolean[] live = {false};
        try {
            segment.scan(0, (position, payload) -> {
                LogRecord record = LogRecordCodec.decode(payload);
                if (record instanceof LogRecord.MessageCommitted message) {
                    Long current = index.offsetOfUid(message.message().messageUid());
                    if (current != null && current == base + position) {
                        live[0] = true;
                        throw new StopScan();
                    }
                    contents.idempotencyKeys.add(message.idempotencyKey());
                    contents.idempotencyOffsets.add(base + position);
                    contents.conversations.add(message.message().conversation().asString());
                    contents.inboxes.addAll(message.inboxSeqs().keySet());
                } else if (record instanceof LogRecord.MetadataPut put) {
                    contents.metadataKeys.add(List.of(put.namespace(), put.key()));
                } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                    contents.metadataKeys.add(List.of(deleted.namespace(), deleted.key()));
                } else if (record instanceof LogRecord.HeadsKept kept) {
                    contents.conversations.addAll(kept.conversations().keySet());
                    contents.inboxes.addAll(kept.inboxes().keySet());
                }
            });
        } catch (StopScan stop) {
            return null;
        }
        return live[0] ? null : contents;
    }

    private static final class Contents {
        final Set<List<String>> metadataKeys = new HashSet<>();
        final Set<String> conversations = new HashSet<>();
        final Set<String> inboxes = new HashSet<>();
        final List<String> idempotencyKeys = new ArrayList<>();
        final List<Long> idempotencyOffsets = new ArrayList<>();
    }

    /** Ends a segment scan early once a live message is found. */
    private static final class StopScan extends RuntimeException {
        StopScan() {
            super(null, null, false, false);
        }
    }
}
