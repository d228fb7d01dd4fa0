package io.parley.kernel.storage.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every conversation's and every inbox's seqs, in memory, one {@link Head} per stream: the last seq the committer
 * assigned, and the readable head (the watermark: it moves only once the entries up to it are durable and in the
 * stream index, so a read bounded by it never meets a hole). The two differ while a written batch waits for its
 * fsync. The head also remembers the stream's run in the segment being written, so that recording an entry costs
 * no lookup. Assigned seqs are written by the committer thread only, readable heads and runs by the syncer thread
 * (or recovery, before either starts); readable heads are read by any thread. Never blocks.
 */
final class HeadCounters {
    /** One stream's seqs. */
    static final class Head {
        /** The last seq assigned; committer thread only. */
        long assigned;
        /** The readable head. */
        volatile long readable;
        /** The stream's run in the segment being written, or null; syncer thread only. */
        SegmentMemtable.Run run;

        /** Raises both seqs (recovery, restated heads). */
        void raise(long seq) {
            if (seq > readable) {
                readable = seq;
            }
            if (seq > assigned) {
                assigned = seq;
            }
        }
    }

    private final Map<String, Head> conversations = new ConcurrentHashMap<>();
    private final Map<String, Head> inboxes = new ConcurrentHashMap<>();

    /** The conversation's head, created when new. Committer thread (and recovery). */
    Head conversationHead(String conversationKey) {
        Head head = conversations.get(conversationKey);
        return head != null ? head : conversations.computeIfAbsent(conversationKey, key -> new Head());
    }

    /** The inbox's head, created when new. Committer thread (and recovery). */
    Head inboxHead(String userId) {
        Head head = inboxes.get(userId);
        return head != null ? head : inboxes.computeIfAbsent(userId, key -> new Head());
    }

    /** The readable head of a conversation, 0 when it has none. Any thread. */
    long conversation(String conversationKey) {
        Head head = conversations.get(conversationKey);
        return head == null ? 0 : head.readable;
    }

    /** The readable head of an inbox, 0 when it has none. Any thread. */
    long inbox(String userId) {
        Head head = inboxes.get(userId);
        return head == null ? 0 : head.readable;
    }

    /** Forgets the cached runs that belong to a sealed segment's memtable. Syncer thread. */
    void forgetRunsOf(SegmentMemtable sealed) {
        sealed.conversations().forEach((key, run) -> forgetRun(conversations.get(key), run));
        sealed.inboxes().forEach((key, run) -> forgetRun(inboxes.get(key), run));
    }

    private static void forgetRun(Head head, SegmentMemtable.Run run) {
        if (head != null && head.run == run) {
            head.run = null;
        }
    }

    /** Raises a conversation's seqs (recovery only). */
    void advanceConversation(String conversationKey, long seq) {
        conversationHead(conversationKey).raise(seq);
    }

    /** Raises an inbox's seqs (recovery only). */
    void advanceInbox(String userId, long seq) {
        inboxHead(userId).raise(seq);
    }

    /** A copy of every readable conversation head (a snapshot; heads may move meanwhile). */
    Map<String, Long> conversationHeads() {
        return readable(conversations);
    }

    /** A copy of every readable inbox head. */
    Map<String, Long> inboxHeads() {
        return readable(inboxes);
    }

    private static Map<String, Long> readable(Map<String, Head> heads) {
        Map<String, Long> copy = new HashMap<>(heads.size() * 4 / 3 + 16);
        heads.forEach((key, head) -> {
            if (head.readable > 0) {
                copy.put(key, head.readable);
            }
        });
        return copy;
    }
}
