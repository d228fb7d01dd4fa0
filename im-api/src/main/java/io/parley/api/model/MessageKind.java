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
    STATUS(16);

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
}
