package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The attributes of one room, with RongCloud's rules: keys of {@code [A-Za-z0-9+=_-]}, case-sensitive, with
 * limits on count and sizes; a key set by one user may be overwritten (or removed) by another only when the
 * caller asks to. Not thread-safe: used under its room's lock.
 */
final class RoomEntries {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+=_\\-]+");

    private final Map<String, RoomEntry> entries = new LinkedHashMap<>();
    private final int maxKeys;
    private final int maxKeyLength;
    private final int maxValueLength;

    RoomEntries(int maxKeys, int maxKeyLength, int maxValueLength) {
        this.maxKeys = maxKeys;
        this.maxKeyLength = maxKeyLength;
        this.maxValueLength = maxValueLength;
    }

    /** Checks a whole batch first and then sets all of it, so that a batch is applied entirely or not at all. */
    List<RoomEntry> setAll(Map<String, String> values, String userId, boolean autoDelete, boolean overwrite,
            long now) {
        int added = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            checkKey(e.getKey());
            if (e.getValue() == null || e.getValue().length() > maxValueLength) {
                throw new ImException(ChatroomErrorCode.KV_EXCEED,
                        "the value of " + e.getKey() + " must be at most " + maxValueLength + " characters");
            }
            RoomEntry existing = entries.get(e.getKey());
            if (existing == null) {
                added++;
            } else if (!overwrite && !existing.userId().equals(userId)) {
                throw new ImException(ChatroomErrorCode.KV_OVERWRITE_INVALID,
                        "the attribute " + e.getKey() + " was set by another user");
            }
        }
        if (entries.size() + added > maxKeys) {
            throw new ImException(ChatroomErrorCode.KV_EXCEED, "a room holds at most " + maxKeys + " attributes");
        }
        List<RoomEntry> set = new ArrayList<>();
        values.forEach((key, value) -> {
            RoomEntry entry = new RoomEntry(key, value, userId, autoDelete, now);
            entries.put(key, entry);
            set.add(entry);
        });
        return set;
    }

    /** Removes a key; another user's key only when {@code force}. */
    RoomEntry remove(String key, String userId, boolean force) {
        RoomEntry existing = entries.get(key);
        if (existing == null) {
            throw new ImException(ChatroomErrorCode.KEY_NOT_EXIST, "no attribute " + key + " in this room");
        }
        if (!force && !existing.userId().equals(userId)) {
            throw new ImException(ChatroomErrorCode.KV_OVERWRITE_INVALID,
                    "the attribute " + key + " was set by another user");
        }
        entries.remove(key);
        return existing;
    }

    /** Removes the user's entries marked auto-delete, and returns them. */
    List<RoomEntry> removeAutoDeleteOf(String userId) {
        List<RoomEntry> removed = new ArrayList<>();
        entries.values().removeIf(entry -> {
            boolean gone = entry.autoDelete() && entry.userId().equals(userId);
            if (gone) {
                removed.add(entry);
            }
            return gone;
        });
        return removed;
    }

    /** The entries with these keys (all of them when {@code keys} is empty), in the order they were first set. */
    List<RoomEntry> query(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.copyOf(entries.values());
        }
        return keys.stream().map(key -> Optional.ofNullable(entries.get(key))).flatMap(Optional::stream).toList();
    }

    private void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > maxKeyLength) {
            throw new ImException(ChatroomErrorCode.KV_EXCEED, "a key must be 1 to " + maxKeyLength + " characters");
        }
        if (!KEY.matcher(key).matches()) {
            throw ImException.invalidParameter("a key may hold letters, digits and + = _ - only: '" + key + "'");
        }
    }
}
