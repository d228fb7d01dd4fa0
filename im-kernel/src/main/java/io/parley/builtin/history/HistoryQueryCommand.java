package io.parley.builtin.history;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ConversationService;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.CommandBodies;
import io.parley.api.storage.MessageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client command {@code history.query}: a page of a conversation, newest first, before a seq or a time.
 * Body: {@code conversationType} (1 private, 3 group, 6 system, or any type whose business type serves reads
 * by cursor through {@link BusinessType#readableKey}, such as ultragroups), {@code targetId}, and either
 * {@code beforeSeq} (0 or absent: from the newest) or {@code beforeTime} (epoch ms: messages sent before it),
 * and {@code limit} (1–100, default 20). Result: {@code {messages: [...], hasMore}}, each message with
 * {@code seq, messageUid, fromUserId, targetId, conversationType, objectName, content, sentTime}; to page on,
 * pass the last message's seq as {@code beforeSeq}.
 * A caller reads only conversations it takes part in ({@link ConversationService#readableKey}): private and system
 * keys are built from its own user id, and another type's business type says which key the caller may read (refusing
 * with its own code: 22406 for a group the caller is not in). Each message is shown as the caller sees it
 * ({@link ConversationService#presentTo}: hidden, such as a group's messages from before the caller joined unless
 * {@code group.history-before-join} is on, or edited, and recalled ones as their recall note). Runs on a kernel worker
 * thread; blocks on storage.
 */
final class HistoryQueryCommand implements ClientCommand {
    static final String NAME = "history.query";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final MessageStore store;
    private final ConversationService conversations;

    /** @param conversations which key a caller may read, and how each message is shown to them */
    HistoryQueryCommand(MessageStore store, ConversationService conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
        int code = (int) number(body, "conversationType", 0);
        ConversationType type = ConversationType.ofCode(code);
        String targetId = CommandBodies.requiredString(body, "targetId");
        long limit = number(body, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ImException.invalidParameter("limit must be 1 to " + MAX_LIMIT);
        }
        String userId = caller.userId();
        ConversationKey key = conversations.readableKey(userId, type, targetId);
        // a group hides what was sent before the reader joined: the first hidden message means every older one is too
        boolean hidesOlder = type == ConversationType.GROUP;
        long beforeSeq = body.containsKey("beforeTime")
                ? store.seqAtTime(key, number(body, "beforeTime", Long.MAX_VALUE))
                : number(body, "beforeSeq", 0);
        List<Message> page = store.readConversationBefore(key, beforeSeq, (int) limit + 1);
        List<Map<String, Object>> result = new ArrayList<>();
        boolean reachedHidden = false;
        for (Message message : page.subList(0, (int) Math.min(limit, page.size()))) {
            if (!message.persisted()) {
                continue; // notices and messages sent as not persisted are synced, never listed in history
            }
            Optional<Message> shown = conversations.presentTo(userId, message);
            if (shown.isEmpty()) {
                if (hidesOlder) {
                    reachedHidden = true;
                    break;
                }
                continue;
            }
            result.add(wire(shown.get(), userId));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", result);
        answer.put("hasMore", !reachedHidden && page.size() > limit
                && conversations.presentTo(userId, page.get((int) limit)).isPresent());
        return answer;
    }

    private static Map<String, Object> wire(Message message, String userId) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("seq", message.seq());
        wire.put("messageUid", message.messageUid());
        wire.put("conversationType", message.conversationType().code());
        wire.put("targetId", message.targetFor(userId));
        wire.put("fromUserId", message.fromUserId());
        wire.put("objectName", message.objectName());
        wire.put("content", message.content());
        wire.put("sentTime", message.sentTime());
        return wire;
    }

    private static long number(Map<String, Object> body, String field, long defaultValue) {
        Object value = body.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw ImException.invalidParameter(field + " must be a number");
    }
}
