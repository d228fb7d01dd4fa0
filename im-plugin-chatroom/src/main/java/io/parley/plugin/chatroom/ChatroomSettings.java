package io.parley.plugin.chatroom;

import io.parley.api.storage.MetadataStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app-wide chatroom settings that survive a restart, each in its own metadata namespace: the keep-alive
 * rooms ({@code chatroom.keepalive}), the whitelisted message types ({@code chatroom.whitelist-types}), the
 * low-priority message types ({@code chatroom.low-priority-types}) and the users muted in every room with the
 * end of their mute ({@code chatroom.global-mute}). Reads are in memory and never block; writes block on
 * storage. Thread-safe.
 */
final class ChatroomSettings {
    private final PersistentSet keepAlive;
    private final PersistentSet whitelistTypes;
    private final PersistentSet lowPriorityTypes;
    private final PersistentSet globalMutes;

    ChatroomSettings(MetadataStore store) {
        this.keepAlive = new PersistentSet(store, "chatroom.keepalive");
        this.whitelistTypes = new PersistentSet(store, "chatroom.whitelist-types");
        this.lowPriorityTypes = new PersistentSet(store, "chatroom.low-priority-types");
        this.globalMutes = new PersistentSet(store, "chatroom.global-mute");
    }

    PersistentSet keepAlive() {
        return keepAlive;
    }

    PersistentSet whitelistTypes() {
        return whitelistTypes;
    }

    PersistentSet lowPriorityTypes() {
        return lowPriorityTypes;
    }

    boolean isGloballyMuted(String userId, long now) {
        return globalMutes.containsUntilAfter(userId, now);
    }

    void muteGlobally(List<String> userIds, long until) {
        globalMutes.put(userIds, until);
    }

    void unmuteGlobally(List<String> userIds) {
        globalMutes.remove(userIds);
    }

    /** Users muted at {@code now}, with the end of their mute. */
    Map<String, Long> globalMutes(long now) {
        Map<String, Long> active = new LinkedHashMap<>();
        globalMutes.entries().forEach((userId, until) -> {
            if (until > now) {
                active.put(userId, until);
            }
        });
        return active;
    }
}
