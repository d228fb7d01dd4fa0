package io.parley.plugin.chatroom;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a room is destroyed automatically (RongCloud's {@code destroyType} and {@code destroyTime}): after
 * {@code after} without a message or a join ({@link #IDLE}, type 0, the default), or {@code after} its
 * creation ({@link #FIXED}, type 1). Rooms on the keep-alive list are never destroyed automatically.
 */
record RoomLifetime(int destroyType, Duration after) {
    static final int IDLE = 0;
    static final int FIXED = 1;

    RoomLifetime {
        requireNonNull(after, "after is null");
        if (destroyType != IDLE && destroyType != FIXED) {
            throw new IllegalArgumentException("destroyType must be 0 or 1");
        }
        if (after.isZero() || after.isNegative()) {
            throw new IllegalArgumentException("after must be positive");
        }
    }

    static RoomLifetime idle(Duration after) {
        return new RoomLifetime(IDLE, after);
    }

    boolean expired(long createdAt, long lastActivity, long now) {
        long since = destroyType == FIXED ? createdAt : lastActivity;
        return now - since >= after.toMillis();
    }
}
