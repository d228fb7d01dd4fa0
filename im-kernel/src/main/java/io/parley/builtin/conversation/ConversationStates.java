package io.parley.builtin.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.storage.MetadataStore;
import io.parley.builtin.common.ContentFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Users' per-conversation settings (pinned, do-not-disturb, read position, deletion, the other user's read
 * receipt), kept in the metadata
 * store. Every change is told to the user's online devices as a {@code conversation.changed} EVENT, so that
 * one device's read position or pin shows on the others. Thread-safe; blocks on storage.
 */
public final class ConversationStates {
    public static final String CHANGED_EVENT = "conversation.changed";
    static final String NAMESPACE = "kernel.conversations";

    private final MetadataStore metadata;
    private final OnlineDirectory online;

    public ConversationStates(MetadataStore metadata, OnlineDirectory online) {
        this.metadata = metadata;
        this.online = online;
    }

    public ConversationState get(String userId, ConversationType type, String targetId) {
        return metadata.get(NAMESPACE, key(userId, type, targetId)).map(ConversationStates::read)
                .orElse(ConversationState.DEFAULT);
    }

    /** Every conversation of {@code userId} with settings, keyed by {@code "<type>/<targetId>"}. */
    public Map<String, ConversationState> all(String userId) {
        Map<String, ConversationState> states = new LinkedHashMap<>();
        metadata.scan(NAMESPACE, userId + "/").forEach((key, json) ->
                states.put(key.substring(userId.length() + 1), read(json)));
        return states;
    }

    public synchronized ConversationState update(String userId, ConversationType type, String targetId,
            UnaryOperator<ConversationState> change) {
        ConversationState before = get(userId, type, targetId);
        ConversationState after = change.apply(before);
        if (!after.equals(before)) {
            try {
                metadata.put(NAMESPACE, key(userId, type, targetId), ContentFields.mapper().writeValueAsString(after));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("conversationType", type.code());
            event.put("targetId", targetId);
            event.put("pinned", after.pinned());
            event.put("unpushLevel", after.unpushLevel());
            event.put("readTime", after.readTime());
            event.put("deletedTime", after.deletedTime());
            event.put("peerReadTime", after.peerReadTime());
            online.sendEvent(userId, CHANGED_EVENT, event);
        }
        return after;
    }

    static String key(String userId, ConversationType type, String targetId) {
        return userId + "/" + type.code() + "/" + targetId;
    }

    private static ConversationState read(String json) {
        try {
            return ContentFields.mapper().readValue(json, ConversationState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt conversation state: " + json, e);
        }
    }
}
