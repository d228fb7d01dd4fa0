package io.parley.builtin.conversation;

import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.api.route.CommandBodies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client commands for the conversation list: {@code conversation.list} → {@code {conversations:[…]}},
 * {@code conversation.read {conversationType, targetId, readTime?}} (clear unread up to a time, default now),
 * {@code conversation.delete {conversationType, targetId}} and {@code conversation.pin {…, pinned}}. Changes
 * reach the user's other devices as {@code conversation.changed} events.
 */
public final class ConversationCommands {
    private final ConversationListService list;
    private final ConversationStates states;
    private final Clock clock;

    public ConversationCommands(ConversationListService list, ConversationStates states, Clock clock) {
        this.list = list;
        this.states = states;
        this.clock = clock;
    }

    public List<ClientCommand> commands() {
        return List.of(new FunctionCommand("conversation.list", (caller, body) -> {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (ConversationSummary summary : list.list(caller.userId())) {
                entries.add(describe(summary));
            }
            return Map.of("conversations", entries);
        }), new FunctionCommand("conversation.read", (caller, body) -> {
            long readTime = body.get("readTime") instanceof Number number ? number.longValue() : clock.millis();
            states.update(caller.userId(), type(body), target(body), state -> state.withReadTime(readTime));
            return Map.of();
        }), new FunctionCommand("conversation.delete", (caller, body) -> {
            long now = clock.millis();
            states.update(caller.userId(), type(body), target(body), state -> state.withDeletedTime(now));
            return Map.of();
        }), new FunctionCommand("conversation.pin", (caller, body) -> {
            boolean pinned = Boolean.TRUE.equals(body.get("pinned"));
            states.update(caller.userId(), type(body), target(body), state -> state.withPinned(pinned));
            return Map.of();
        }));
    }

    private static Map<String, Object> describe(ConversationSummary summary) {
        Message last = summary.lastMessage();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageUid", last.messageUid());
        message.put("fromUserId", last.fromUserId());
        message.put("objectName", last.objectName());
        message.put("content", last.content());
        message.put("seq", last.seq());
        message.put("sentTime", last.sentTime());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("conversationType", summary.conversationType().code());
        entry.put("targetId", summary.targetId());
        entry.put("lastMessage", message);
        entry.put("unreadCount", summary.unreadCount());
        entry.put("mentionCount", summary.mentionCount());
        entry.put("pinned", summary.state().pinned());
        entry.put("unpushLevel", summary.state().unpushLevel());
        entry.put("readTime", summary.state().readTime());
        if (summary.conversationType() == ConversationType.PRIVATE) {
            entry.put("peerReadTime", summary.state().peerReadTime());
        }
        return entry;
    }

    private static ConversationType type(Map<String, Object> body) {
        return CommandBodies.conversationType(body);
    }

    private static String target(Map<String, Object> body) {
        return CommandBodies.requiredString(body, "targetId");
    }
}
