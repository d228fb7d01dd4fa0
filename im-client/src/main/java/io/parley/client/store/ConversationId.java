package io.parley.client.store;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.ConversationType;

/**
 * A conversation as this user sees it: its type and target (for a private chat, the other user; for an
 * ultragroup channel, {@code <groupId>:<channelId>}).
 */
public record ConversationId(ConversationType type, String targetId) {
    public ConversationId {
        requireNonNull(type, "type is null");
        requireNonNull(targetId, "targetId is null");
    }

    public static ConversationId privateChat(String userId) {
        return new ConversationId(ConversationType.PRIVATE, userId);
    }

    public static ConversationId group(String groupId) {
        return new ConversationId(ConversationType.GROUP, groupId);
    }

    /** The key the SDK uses for it elsewhere too (the group cursors): {@code "<type code>/<targetId>"}. */
    public String key() {
        return type.code() + "/" + targetId;
    }

    /** The conversation of a {@link #key()}. */
    public static ConversationId ofKey(String key) {
        int slash = key.indexOf('/');
        ConversationType type = ConversationType.fromCode(Integer.parseInt(key.substring(0, slash)))
                .orElseThrow(() -> new IllegalArgumentException("unknown conversation type in " + key));
        return new ConversationId(type, key.substring(slash + 1));
    }
}
