package io.parley.plugin.chatroom;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users each with an end time: a room's gagged or blocked users. An entry whose time has passed counts as
 * absent and is dropped when next seen. Not thread-safe: used under its room's lock.
 */
final class TimedUserList {
    private final Map<String, Long> untilByUser = new LinkedHashMap<>();

    void add(Collection<String> userIds, long untilMillis) {
        userIds.forEach(userId -> untilByUser.put(userId, untilMillis));
    }

    void remove(Collection<String> userIds) {
        userIds.forEach(untilByUser::remove);
    }

    boolean contains(String userId, long nowMillis) {
        Long until = untilByUser.get(userId);
        if (until == null) {
            return false;
        }
        if (until <= nowMillis) {
            untilByUser.remove(userId);
            return false;
        }
        return true;
    }

    /** The users still listed at {@code nowMillis}, each with its end time. */
    Map<String, Long> active(long nowMillis) {
        untilByUser.values().removeIf(until -> until <= nowMillis);
        return Map.copyOf(untilByUser);
    }
}
