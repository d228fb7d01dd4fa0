package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.model.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import io.parley.api.route.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Shapes shared by the server API and the client commands: times, room ids, history messages. Stateless. */
final class ApiFormats {
    /** RongCloud's date-time format for list times (join time, unmute time), in UTC. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9+|=_\\-.]{1,64}");
    /** RongCloud's bounds for the {@code minute} of gags, blocks and mutes: up to 30 days. */
    static final long MAX_MINUTES = 43_200;

    private ApiFormats() {
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A room id: 1 to 64 letters, digits and {@code + | = _ - .}; never a comma, which splits lists. */
    static String roomId(String roomId) {
        if (roomId == null || !ROOM_ID.matcher(roomId).matches()) {
            throw ImException.invalidParameter(
                    "a chatroom id must be 1 to 64 letters, digits and + | = _ - . characters: '" + roomId + "'");
        }
        return roomId;
    }

    /** Every value of a multi-valued parameter; a 1002 error naming it when there is none. */
    static List<String> requiredList(ApiRequest request, String name) {
        List<String> values = request.list(name);
        if (values.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        return values;
    }

    /** Gag, block and mute lists: {@code [{userId, time}]} with the end time as {@code yyyy-MM-dd HH:mm:ss}. */
    static List<Map<String, Object>> timedUsers(Map<String, Long> untilByUser) {
        List<Map<String, Object>> users = new ArrayList<>();
        new TreeMap<>(untilByUser).forEach((userId, until) -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("userId", userId);
            user.put("time", time(until));
            users.add(user);
        });
        return users;
    }

    /** The end of a gag, block or mute of {@code minute} minutes (1 to 43200) from {@code now}. */
    static long until(ApiRequest request, long now) {
        return now + minutes(request.requiredLong("minute")) * 60_000L;
    }

    static long minutes(long minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw ImException.invalidParameter("minute must be 1 to " + MAX_MINUTES);
        }
        return minutes;
    }

    /**
     * A message of the join history, named as the protocol's {@code WireMessage}:
     * {@code {messageUid, fromUserId, objectName, content, seq, sentTime}}.
     */
    static Map<String, Object> historyMessage(Message message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("messageUid", message.messageUid());
        map.put("fromUserId", message.fromUserId());
        map.put("objectName", message.objectName());
        map.put("content", message.content());
        map.put("seq", message.seq());
        map.put("sentTime", message.sentTime());
        return map;
    }
}
