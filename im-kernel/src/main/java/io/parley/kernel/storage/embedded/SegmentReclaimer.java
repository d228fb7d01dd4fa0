package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationType;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Gives disk space back after retention: deletes sealed log segments, oldest first, while every message in the
 * oldest one is gone (expired, deleted or cleaned), which its index tells without reading the segment. Before a
 * segment goes, the committer restates what it still proves (the current value of each metadata key written in it,
 * the heads of its conversations and inboxes, the cutoffs in force), so that a rebuild from the log alone misses
 * nothing; key-table entries into it simply stop matching. Oldest-first keeps replay exact: a delete or clean only
 * ever refers to records before it. A segment holding one live message stays (and so do the segments after it)
 * until that message expires. Runs on the sweeper's thread; blocks on I/O; never stalls the committer.
 */
final class SegmentReclaimer {
    private final MessageLog messageLog;
    private final StreamIndex streams;
    private final Removals removals;
    private final GroupCommitter committer;

    SegmentReclaimer(MessageLog messageLog, StreamIndex streams, Removals removals, GroupCommitter committer) {
        this.messageLog = messageLog;
        this.streams = streams;
        this.removals = removals;
        this.committer = committer;
    }

    /** Deletes every deletable segment; returns the bytes freed. */
    synchronized long reclaim() throws IOException {
        long freed = 0;
        List<LogSegment> segments = messageLog.segments();
        for (LogSegment segment : segments.subList(0, segments.size() - 1)) {
            StreamIndex.Indexed indexed = streams.indexed(segment.baseOffset());
            if (indexed == null || !allGone(indexed)) {
                break;
            }
            Contents contents = contents(indexed);
            CompletableFuture<Long> rewritten = new CompletableFuture<>();
            committer.submit(new PendingWrite.Rewrite(contents.metadataKeys, contents.conversations, contents.inboxes,
                    Optional.of(removals.cutoffs()), rewritten));
            EmbeddedMessageStore.await(rewritten);
            freed += segment.size();
            streams.remove(segment.baseOffset());
            messageLog.deleteSegment(segment);
            removals.forgetBelow(messageLog.startOffset());
        }
        return freed;
    }

    /** Whether every message of the segment is gone from reads. */
    private boolean allGone(StreamIndex.Indexed segment) {
        boolean mayHoldLive = false;
        for (ConversationType type : ConversationType.values()) {
            long newest = segment.maxSentTime(type.code());
            if (newest != Long.MIN_VALUE && newest >= removals.messageCutoff(type.code())) {
                mayHoldLive = true;
            }
        }
        if (!mayHoldLive) {
            return true;
        }
        boolean[] live = {false};
        segment.forEachConversation((key, run) -> {
            for (int i = 0; i < run.count() && !live[0]; i++) {
                if (run.present(i) && !removals.messageGone(run.offset(i), run.typeCode(i), run.sentTime(i))) {
                    live[0] = true;
                }
            }
        });
        return !live[0];
    }

    private static Contents contents(StreamIndex.Indexed segment) {
        Contents contents = new Contents();
        segment.forEachConversation((key, run) -> contents.conversations.add(key));
        segment.forEachInbox((key, run) -> contents.inboxes.add(key));
        for (String key : segment.metadataKeys()) {
            int split = key.indexOf('\u0000');
            contents.metadataKeys.add(List.of(key.substring(0, split), key.substring(split + 1)));
        }
        return contents;
    }

    private static final class Contents {
        final Set<List<String>> metadataKeys = new HashSet<>();
        final Set<String> conversations = new HashSet<>();
        final Set<String> inboxes = new HashSet<>();
    }
}
