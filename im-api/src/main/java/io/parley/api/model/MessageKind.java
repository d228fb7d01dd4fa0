package io.parley.api.model;

/**
 * How a message type is kept, with RongCloud's persistence flags as numbers. A {@link #STATUS} message
 * (typing, read receipts) is never stored and reaches only devices that are online when it is sent.
 */
public enum MessageKind {
    /** Stored and counted as unread: text, images, files. RongCloud flag 3. */
    COUNTED(3),
    /** Stored, not counted: notifications. RongCloud flag 1. */
    STORED(1),
    /** Not stored; online devices only. RongCloud flag 16. */
    STATUS(16),
    /**
     * Stored and synced to every recipient device (offline ones when they next sync), but never shown as a message:
     * not counted, not a conversation's last message, not in history, and clients do not keep it (it reaches them
     * with {@code persisted} and {@code counted} false). For changes a plugin tells members of (a reaction, a vote);
     * see {@link io.parley.api.plugin.ConversationService#notify}. RongCloud flag 0 (its command messages).
     */
    NOTICE(0);

    private final int flag;

    MessageKind(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }

    public boolean stored() {
        return this != STATUS;
    }

    /** Whether messages of this kind are shown: kept by clients, listed in history and in the conversation list. */
    public boolean shown() {
        return this == COUNTED || this == STORED;
    }
}
