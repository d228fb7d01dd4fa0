package io.parley.kernel.storage.embedded;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed heads (highest seq) of every conversation and every inbox, in memory, so that reading one is
 * cheap. Written by one thread at a time (recovery, then the committer), read by any thread; remembers
 * which heads changed since the last checkpoint. Never blocks.
 */
final class HeadCounters {
    private final Map<String, Long> conversations = new ConcurrentHashMap<>();
    private final Map<String, Long> inboxes = new ConcurrentHashMap<>();
    private final Set<String> dirtyConversations = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyInboxes = ConcurrentHashMap.newKeySet();

    long conversation(String conversationKey) {
        return conversations.getOrDefault(conversationKey, 0L);
    }

    long inbox(String userId) {
        return inboxes.getOrDefault(userId, 0L);
    }

    /** Loads a head from the checkpointed index, without marking it changed. */
    void load(Map<String, Long> conversationHeads, Map<String, Long> inboxHeads) {
        conversations.putAll(conversationHeads);
        inboxes.putAll(inboxHeads);
    }

    void advanceConversation(String conversationKey, long seq) {
        if (seq > conversation(conversationKey)) {
            conversations.put(conversationKey, seq);
            dirtyConversations.add(conversationKey);
        }
    }

    void advanceInbox(String userId, long seq) {
        if (seq > inbox(userId)) {
            inboxes.put(userId, seq);
            dirtyInboxes.add(userId);
        }
    }

    /** Hands every head changed since the last call to {@code sink} and forgets that they changed. */
    void drainDirty(Map<String, Long> conversationSink, Map<String, Long> inboxSink) {
        for (String key : Set.copyOf(dirtyConversations)) {
            dirtyConversations.remove(key);
            conversationSink.put(key, conversation(key));
        }
        for (String key : Set.copyOf(dirtyInboxes)) {
            dirtyInboxes.remove(key);
            inboxSink.put(key, inbox(key));
        }
    }
}
