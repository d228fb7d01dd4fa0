package io.parley.plugin.chatroom;

import java.time.Clock;

/**
 * Destroys rooms whose lifetime is over: idle (no message and no join) for their keep-alive time, or past a
 * fixed lifetime. Rooms on the keep-alive list are skipped. Runs every {@code chatroom.sweep-interval} on the
 * shared scheduler; never blocks.
 */
final class RoomSweeper implements Runnable {
    private final ChatroomRegistry registry;
    private final ChatroomSettings settings;
    private final Clock clock;

    RoomSweeper(ChatroomRegistry registry, ChatroomSettings settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            long now = clock.millis();
            for (Room room : registry.rooms()) {
                if (!settings.keepAlive().contains(room.id()) && room.expired(now)) {
                    registry.expire(room, room.lifetime().destroyType() == RoomLifetime.FIXED ? "expired" : "idle");
                }
            }
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: keep sweeping
            System.Logger log = System.getLogger(RoomSweeper.class.getName());
            log.log(System.Logger.Level.WARNING, "chatroom sweep failed", e);
        }
    }
}
