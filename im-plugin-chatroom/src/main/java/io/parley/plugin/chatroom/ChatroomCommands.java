package io.parley.plugin.chatroom;

import io.parley.api.route.FunctionCommand;
import static io.parley.plugin.chatroom.CommandBodies.bool;
import static io.parley.plugin.chatroom.CommandBodies.integer;
import static io.parley.plugin.chatroom.CommandBodies.requiredString;

import io.parley.api.error.ImException;
import io.parley.api.route.ClientCommand.Caller;
import io.parley.api.route.ClientCommand;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.MessagePublisher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client commands (COMMAND frames) of chatrooms: {@code chatroom.join}, {@code chatroom.quit},
 * {@code chatroom.entry.set}, {@code chatroom.entry.batch-set}, {@code chatroom.entry.remove} and
 * {@code chatroom.entry.query}. Body and result shapes are in {@code docs/plugins/chatroom.md}. Called on
 * kernel worker threads; nothing here blocks.
 */
final class ChatroomCommands {
    private static final Logger log = LoggerFactory.getLogger(ChatroomCommands.class);
    /** RongCloud's chatroom KV change message and its {@code type} values (its client SDKs: 1 set, 2 remove). */
    static final String KV_NOTICE = "RC:chrmKVNotiMsg";
    static final int KV_SET = 1;
    static final int KV_REMOVE = 2;
    private final ChatroomRegistry registry;
    private final ChatroomConfig config;
    private final Clock clock;
    private final RoomHistory history;
    private final Supplier<MessagePublisher> publisher;

    ChatroomCommands(ChatroomRegistry registry, ChatroomConfig config, Clock clock, RoomHistory history,
            Supplier<MessagePublisher> publisher) {
        this.registry = registry;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.history = history;
    }

    List<ClientCommand> commands() {
        return List.of(
                new FunctionCommand("chatroom.join", this::join),
                new FunctionCommand("chatroom.quit", this::quit),
                new FunctionCommand("chatroom.history", this::storedHistory),
                new FunctionCommand("chatroom.entry.set", this::setEntry),
                new FunctionCommand("chatroom.entry.batch-set", this::batchSetEntries),
                new FunctionCommand("chatroom.entry.remove", this::removeEntry),
                new FunctionCommand("chatroom.entry.query", this::queryEntries));
    }

    /** {@code {roomId, historyCount?}} → {@code {roomId, memberCount, seq, history:[…], left:[…]}}. */
    private Map<String, Object> join(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        int historyCount = integer(body, "historyCount", config.historyDefaultCount());
        if (historyCount < 0) {
            throw ImException.invalidParameter("historyCount must be 0 or more");
        }
        ChatroomRegistry.JoinOutcome outcome = registry.join(caller.userId(), roomId,
                Math.min(historyCount, config.historyMaxCount()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("roomId", roomId);
        result.put("memberCount", outcome.joined().memberCount());
        result.put("seq", outcome.joined().seq());
        result.put("history", outcome.joined().history().stream().map(ApiFormats::historyMessage).toList());
        result.put("left", outcome.left());
        return result;
    }

    /**
     * {@code {roomId, beforeSeq?, limit?}} → {@code {roomId, messages:[…], hasMore}}: stored room history,
     * newest first, for members, when cloud storage of room history is on ({@code retention.chatroom}).
     */
    private Map<String, Object> storedHistory(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        if (!history.enabled()) {
            throw new ImException(ChatroomErrorCode.HISTORY_NOT_STORED,
                    "room history is not stored; set retention.chatroom to keep it");
        }
        if (!registry.require(roomId).isMember(caller.userId())) {
            throw new ImException(ChatroomErrorCode.NOT_IN_CHATROOM, caller.userId() + " is not in " + roomId);
        }
        int limit = integer(body, "limit", 20);
        if (limit < 1 || limit > 100) {
            throw ImException.invalidParameter("limit must be 1 to 100");
        }
        List<io.parley.api.model.Message> page = history.before(roomId, integer(body, "beforeSeq", 0), limit + 1);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("roomId", roomId);
        result.put("messages", page.subList(0, Math.min(limit, page.size())).stream()
                .map(ApiFormats::historyMessage).toList());
        result.put("hasMore", page.size() > limit);
        return result;
    }

    /** {@code {roomId}} → {@code {roomId, wasMember}}. */
    private Map<String, Object> quit(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        boolean wasMember = registry.quit(caller.userId(), roomId);
        return Map.of("roomId", roomId, "wasMember", wasMember);
    }

    /** {@code {roomId, key, value, autoDelete?, overwrite?}} → {@code {roomId, key}}. */
    private Map<String, Object> setEntry(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        String key = requiredString(body, "key");
        Object value = body.get("value");
        if (value == null) {
            throw ImException.invalidParameter("value is required");
        }
        set(caller, body, roomId, Map.of(key, String.valueOf(value)));
        notifyKv(caller, body, roomId, KV_SET, key, String.valueOf(value));
        return Map.of("roomId", roomId, "key", key);
    }

    /** {@code {roomId, entries:{key: value…}, autoDelete?, overwrite?}} → {@code {roomId, keys:[…]}}. */
    private Map<String, Object> batchSetEntries(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        Map<String, String> values = CommandBodies.stringMap(body, "entries");
        set(caller, body, roomId, values);
        return Map.of("roomId", roomId, "keys", List.copyOf(values.keySet()));
    }

    private void set(Caller caller, Map<String, Object> body, String roomId, Map<String, String> values) {
        Room room = registry.require(roomId);
        List<RoomEntry> set = room.setEntries(values, caller.userId(), bool(body, "autoDelete", false),
                bool(body, "overwrite", false), true, clock.millis());
        registry.notifyEntries(room, set, "set");
    }

    /** {@code {roomId, key, force?}} → {@code {roomId, key}}. */
    private Map<String, Object> removeEntry(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        String key = requiredString(body, "key");
        Room room = registry.require(roomId);
        RoomEntry removed = room.removeEntry(key, caller.userId(), bool(body, "force", false), true);
        registry.notifyEntries(room, List.of(removed), "remove");
        notifyKv(caller, body, roomId, KV_REMOVE, key, removed.value());
        return Map.of("roomId", roomId, "key", key);
    }

    /**
     * With {@code sendNotification: true} (RongCloud's client SDK option of the same name), sends an
     * {@code RC:chrmKVNotiMsg} {@code {type, key, value, extra}} from the caller into the room, {@code extra} being
     * {@code notificationExtra}. It is sent as the caller's device sends, so a muted member's notice is refused
     * (the attribute change stands); the command does not wait for it: a refusal is logged.
     */
    private void notifyKv(Caller caller, Map<String, Object> body, String roomId, int type, String key, String value) {
        if (!bool(body, "sendNotification", false)) {
            return;
        }
        Object extra = body.get("notificationExtra");
        String content = kvNoticeContent(type, key, value, extra == null ? "" : String.valueOf(extra));
        OutgoingMessage message = new OutgoingMessage(ConversationType.CHATROOM, caller.userId(), roomId, KV_NOTICE,
                content, Optional.empty(), Optional.empty(), true, false, true, "kv:" + UUID.randomUUID(),
                Optional.of(caller.platform()));
        publisher.get().publish(message).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.info("chatroom {}: the {} of {} by {} was not sent: {}", roomId, KV_NOTICE, key, caller.userId(),
                        failure.toString());
            }
        });
    }

    /** The content of an {@code RC:chrmKVNotiMsg}: {@code {"type":1|2,"key":…,"value":…,"extra":…}}. */
    static String kvNoticeContent(int type, String key, String value, String extra) {
        return "{\"type\":" + type + ",\"key\":" + jsonString(key) + ",\"value\":" + jsonString(value)
                + ",\"extra\":" + jsonString(extra) + "}";
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code {roomId, keys?:[…]}} → {@code {roomId, entries:[{key, value, userId, autoDelete, lastSetTime}]}}. */
    private Map<String, Object> queryEntries(Caller caller, Map<String, Object> body) {
        String roomId = requiredString(body, "roomId");
        Room room = registry.require(roomId);
        List<RoomEntry> entries = room.queryEntries(CommandBodies.strings(body, "keys"), caller.userId(), true);
        return Map.of("roomId", roomId, "entries", entries.stream().map(RoomEntry::toClientMap).toList());
    }
}
