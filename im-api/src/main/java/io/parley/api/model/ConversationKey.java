package io.parley.api.model;

import static java.util.Objects.requireNonNull;

/**
 * The storage identity of one conversation: every participant sees the same key. For a private chat it is
 * the two user ids in sorted order ({@code "alice:bob"}), so that both sides share one log and one seq;
 * for every other type it is the target id (group id, room id, …).
 */
public record ConversationKey(ConversationType type, String id) {
    public ConversationKey {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id is empty");
        }
    }

    /** The key of the private chat between two users, whichever of them is asking. */
    public static ConversationKey privateChat(String userA, String userB) {
        return userA.compareTo(userB) <= 0
                ? new ConversationKey(ConversationType.PRIVATE, userA + ":" + userB)
                : new ConversationKey(ConversationType.PRIVATE, userB + ":" + userA);
    }

    /** One string, {@code "<typeCode>/<id>"}, used as a map key by stores and stripes. */
    public String asString() {
        return type.code() + "/" + id;
    }

    public static ConversationKey parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("not a conversation key: " + text);
        }
        ConversationType type = ConversationType.fromCode(Integer.parseInt(text.substring(0, slash)))
                .orElseThrow(() -> new IllegalArgumentException("unknown conversation type in " + text));
        return new ConversationKey(type, text.substring(slash + 1));
    }
}
