package io.parley.kernel.storage.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed heads (highest seq) of every conversation and every inbox, in memory: the readable watermark.
 * A head moves only once the entries up to it are durable and in the stream index, so a read bounded by the head
 * never meets a hole. Written by one thread at a time (recovery, then the committer), read by any thread. Never
 * blocks.
 */
final class HeadCounters {
    private final Map<String, Long> conversations = new ConcurrentHashMap<>();
    private final Map<String, Long> inboxes = new ConcurrentHashMap<>();

    long conversation(String conversationKey) {
        Long head = conversations.get(conversationKey);
        return head == null ? 0 : head;
    }

    long inbox(String userId) {
        Long head = inboxes.get(userId);
        return head == null ? 0 : head;
    }

    void advanceConversation(String conversationKey, long seq) {
        if (seq > conversation(conversationKey)) {
            conversations.put(conversationKey, seq);
        }
    }

    void advanceInbox(String userId, long seq) {
        if (seq > inbox(userId)) {
            inboxes.put(userId, seq);
        }
    }

    /** A copy of every conversation head (a snapshot; heads may move meanwhile). */
    Map<String, Long> conversationHeads() {
        return new HashMap<>(conversations);
    }

    /** A copy of every inbox head. */
    Map<String, Long> inboxHeads() {
        return new HashMap<>(inboxes);
    }
}
