package io.parley.plugin.chatroom;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One room attribute (RongCloud's chatroom KV entry).
 *
 * @param userId who set it last
 * @param autoDelete whether it is removed when {@code userId} leaves the room
 * @param lastSetTime when it was set, epoch milliseconds
 */
record RoomEntry(String key, String value, String userId, boolean autoDelete, long lastSetTime) {
    RoomEntry {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(userId, "userId is null");
    }

    /** The client-protocol shape: {@code {key, value, userId, autoDelete (bool), lastSetTime (long)}}. */
    Map<String, Object> toClientMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", key);
        map.put("value", value);
        map.put("userId", userId);
        map.put("autoDelete", autoDelete);
        map.put("lastSetTime", lastSetTime);
        return map;
    }

    /** The server-API shape of {@code /chatroom/entry/query.json}: {@code autoDelete} and {@code lastSetTime} are strings. */
    Map<String, Object> toApiMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", key);
        map.put("value", value);
        map.put("userId", userId);
        map.put("autoDelete", autoDelete ? "1" : "0");
        map.put("lastSetTime", String.valueOf(lastSetTime));
        return map;
    }
}
