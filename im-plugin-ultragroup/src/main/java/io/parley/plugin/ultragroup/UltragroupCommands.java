package io.parley.plugin.ultragroup;

import io.parley.api.error.ImException;
import io.parley.api.model.Message;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.api.storage.MessageStore;
import io.parley.plugin.ultragroup.MessageEdits.Edit;
import io.parley.plugin.ultragroup.Ultragroups.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client commands: the channel list with each channel's latest seq, read position, unread and mention
 * counts ({@code ultragroup.channels}); history per channel by seq ({@code ultragroup.history}); read
 * positions, synced to the user's other devices ({@code ultragroup.read}, event {@value #EVENT_READ});
 * subscribing to the open channel; editing ({@code ultragroup.modify}); and a member's own do-not-disturb
 * level ({@code ultragroup.notdisturb.set}).
 */
final class UltragroupCommands {
    static final String EVENT_READ = "ultragroup.read";
    static final int MAX_HISTORY = 100;

    private final Ultragroups ultragroups;
    private final Directory directory;
    private final OnlineDirectory online;

    UltragroupCommands(Ultragroups ultragroups, OnlineDirectory online) {
        this.ultragroups = ultragroups;
        this.directory = ultragroups.directory();
        this.online = online;
    }

    List<ClientCommand> commands() {
        return List.of(
                new FunctionCommand("ultragroup.channels", (caller, body) -> channels(caller.userId(), body)),
                new FunctionCommand("ultragroup.history", (caller, body) -> history(caller.userId(), body)),
                new FunctionCommand("ultragroup.read", (caller, body) -> read(caller.userId(), body)),
                new FunctionCommand("ultragroup.subscribe", (caller, body) -> {
                    Access access = ultragroups.access(caller.userId(), target(body));
                    ultragroups.online().subscribe(caller.userId(), caller.sessionId(), access.target());
                    return Map.of("latestSeq", ultragroups.messages().conversationHead(access.key()));
                }),
                new FunctionCommand("ultragroup.unsubscribe", (caller, body) -> {
                    ultragroups.online().unsubscribe(caller.userId(), caller.sessionId());
                    return Map.of();
                }),
                new FunctionCommand("ultragroup.modify", (caller, body) -> {
                    Edit edit = ultragroups.modify(caller.userId(), target(body), string(body, "messageUid"),
                            string(body, "content"), false);
                    return Map.of("version", edit.version());
                }),
                new FunctionCommand("ultragroup.notdisturb.set", (caller, body) -> {
                    Target target = target(body);
                    ultragroups.access(caller.userId(), target);
                    int level = number(body, "level", 0).intValue();
                    if (!List.of(-1, 0, 1, 2, 4, 5).contains(level)) {
                        throw ImException.invalidParameter("level must be -1, 0, 1, 2, 4 or 5");
                    }
                    directory.levels().setUserLevel(caller.userId(), target.groupId(), target.channelId(), level);
                    return Map.of();
                }));
    }

    /** Every ultragroup of the user (or the one named by {@code groupId}), with the channels it may see. */
    private Map<String, Object> channels(String userId, Map<String, Object> body) {
        List<String> groups = body.get("groupId") instanceof String one ? List.of(one) : directory.groups().groupsOf(userId);
        List<Map<String, Object>> result = new ArrayList<>();
        MessageStore store = ultragroups.messages();
        for (String groupId : groups) {
            var group = directory.groups().group(groupId);
            if (group.isEmpty() || !directory.groups().isMember(groupId, userId)) {
                continue;
            }
            List<Map<String, Object>> channels = new ArrayList<>();
            for (Target target : ultragroups.visibleChannels(userId, groupId)) {
                Access access = ultragroups.access(userId, target);
                long latest = store.conversationHead(access.key());
                long readSeq = directory.reads().readSeq(userId, target);
                long from = Math.max(readSeq, ultragroups.floor(access));
                Map<String, Object> channel = new LinkedHashMap<>();
                channel.put("channelId", target.channelId());
                channel.put("targetId", target.asTargetId());
                channel.put("type", access.channel().type());
                channel.put("latestSeq", latest);
                channel.put("readSeq", readSeq);
                channel.put("unreadCount", latest > from ? unread(userId, access, from) : 0);
                channel.put("mentionCount", directory.reads().mentionCount(userId, target, from));
                channel.put("unpushLevel", directory.levels().effectiveLevel(userId, groupId, target.channelId()));
                channels.add(channel);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("groupId", groupId);
            item.put("name", group.get().name());
            item.put("channels", channels);
            result.add(item);
        }
        return Map.of("groups", result);
    }

    /** Counted messages from others after {@code from}, up to {@code ultragroup.unread-cap}. */
    private int unread(String userId, Access access, long from) {
        int count = 0;
        for (Message message : ultragroups.messages().readConversation(access.key(), from,
                ultragroups.config().unreadCap())) {
            if (message.counted() && !message.fromUserId().equals(userId)) {
                count++;
            }
        }
        return count;
    }

    /**
     * A page of a channel's log: with {@code afterSeq}, the messages above it in seq order; else the newest
     * ones below {@code beforeSeq} (0 or absent: from the newest), newest first. Each message as the reader
     * sees it now (edited version, recall note); messages from before the reader joined are left out.
     */
    private Map<String, Object> history(String userId, Map<String, Object> body) {
        Access access = ultragroups.access(userId, target(body));
        int limit = Math.max(1, Math.min(number(body, "limit", 20).intValue(), MAX_HISTORY));
        MessageStore store = ultragroups.messages();
        List<Message> page = body.get("afterSeq") instanceof Number after
                ? store.readConversation(access.key(), after.longValue(), limit)
                : store.readConversationBefore(access.key(), number(body, "beforeSeq", 0).longValue(), limit);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Message message : page) {
            ultragroups.present(access, message).ifPresent(shown -> messages.add(wire(shown, access.target())));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", messages);
        result.put("latestSeq", store.conversationHead(access.key()));
        return result;
    }

    private Map<String, Object> read(String userId, Map<String, Object> body) {
        Access access = ultragroups.access(userId, target(body));
        long head = ultragroups.messages().conversationHead(access.key());
        long seq = Math.min(number(body, "seq", head).longValue(), head);
        long kept = directory.reads().markRead(userId, access.target(), seq);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("targetId", access.target().asTargetId());
        event.put("readSeq", kept);
        online.sendEvent(userId, EVENT_READ, event);
        return Map.of("readSeq", kept);
    }

    Map<String, Object> wire(Message message, Target target) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("seq", message.seq());
        item.put("messageUid", message.messageUid());
        item.put("targetId", target.asTargetId());
        item.put("channelId", target.channelId());
        item.put("fromUserId", message.fromUserId());
        item.put("objectName", message.objectName());
        item.put("content", message.content());
        item.put("sentTime", message.sentTime());
        item.put("counted", message.counted());
        item.put("version", ultragroups.version(message.messageUid()));
        if (message.notice()) {
            item.put("notice", true); // a plugin's notice, as WireMessage.notice: clients do not show it
        }
        return item;
    }

    private static Target target(Map<String, Object> body) {
        return Target.parse(string(body, "targetId"));
    }

    private static String string(Map<String, Object> body, String name) {
        if (body.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw ImException.invalidParameter(name + " is required");
    }

    private static Number number(Map<String, Object> body, String name, long defaultValue) {
        Object value = body.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number;
        }
        throw ImException.invalidParameter(name + " must be a number");
    }
}
