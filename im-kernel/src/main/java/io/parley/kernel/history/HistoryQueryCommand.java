package io.parley.kernel.history;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.BusinessType;
import io.parley.api.route.ClientCommand;
import io.parley.api.storage.MessageStore;
import io.parley.api.route.CommandBodies;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.recall.RecallMarks;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client command {@code history.query}: a page of a conversation, newest first, before a seq or a time.
 * Body: {@code conversationType} (1 private, 3 group, 6 system, or any type whose business type serves reads
 * by cursor through {@link BusinessType#readableKey}, such as ultragroups), {@code targetId}, and either
 * {@code beforeSeq} (0 or absent: from the newest) or {@code beforeTime} (epoch ms: messages sent before it),
 * and {@code limit} (1–100, default 20). Result: {@code {messages: [...], hasMore}}, each message with
 * {@code seq, messageUid, fromUserId, targetId, conversationType, objectName, content, sentTime}; to page on,
 * pass the last message's seq as {@code beforeSeq}.
 * A caller reads only conversations it takes part in: private and system keys are built from its own user id,
 * a group needs membership, and another type's business type says which key the caller may read (refusing with
 * its own code) and how each message is shown to it ({@link BusinessType#presentTo}: an edited version, or
 * hidden). A group member sees nothing sent before they joined unless {@code group.history-before-join} is on.
 * Recalled messages come as their recall note. Runs on a kernel worker thread; blocks on storage.
 */
public final class HistoryQueryCommand implements ClientCommand {
    public static final String NAME = "history.query";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final MessageStore store;
    private final ConversationAccess access;
    private final RecallMarks recalls;
    private final BusinessTypeRegistry businessTypes;

    /**
     * @param businessTypes the installed types: a group's says what a member sees ({@link BusinessType#presentTo});
     *     a type the kernel does not keep itself is served when its business type answers
     *     {@link BusinessType#readableKey}
     */
    @Inject
    public HistoryQueryCommand(MessageStore store, ConversationAccess access, RecallMarks recalls,
            BusinessTypeRegistry businessTypes) {
        this.store = store;
        this.access = access;
        this.recalls = recalls;
        this.businessTypes = businessTypes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
        int code = (int) number(body, "conversationType", 0);
        ConversationType type = ConversationType.fromCode(code).orElseThrow(() -> new ImException(
                StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE, "unknown conversation type " + code));
        String targetId = CommandBodies.requiredString(body, "targetId");
        long limit = number(body, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ImException.invalidParameter("limit must be 1 to " + MAX_LIMIT);
        }
        Reader reader = reader(caller.userId(), type, targetId);
        long beforeSeq = body.containsKey("beforeTime")
                ? store.seqAtTime(reader.key(), number(body, "beforeTime", Long.MAX_VALUE))
                : number(body, "beforeSeq", 0);
        List<Message> page = store.readConversationBefore(reader.key(), beforeSeq, (int) limit + 1);
        List<Map<String, Object>> result = new ArrayList<>();
        boolean reachedHidden = false;
        for (Message message : page.subList(0, (int) Math.min(limit, page.size()))) {
            if (!message.persisted()) {
                continue; // notices and messages sent as not persisted are synced, never listed in history
            }
            Optional<Message> shown = reader.show(message);
            if (shown.isEmpty()) {
                if (reader.hidesOlder()) {
                    reachedHidden = true;
                    break;
                }
                continue;
            }
            result.add(wire(recalls.present(shown.get()), caller.userId()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", result);
        answer.put("hasMore", !reachedHidden && page.size() > limit
                && reader.show(page.get((int) limit)).isPresent());
        return answer;
    }

    /**
     * How one caller reads one conversation: its storage key, and how each stored message is shown to it.
     *
     * @param hidesOlder true when a hidden message means every older one is hidden too (a group's join time)
     */
    private record Reader(ConversationKey key, Function<Message, Optional<Message>> show, boolean hidesOlder) {
        Optional<Message> show(Message message) {
            return show.apply(message);
        }
    }

    private Reader reader(String userId, ConversationType type, String targetId) {
        if (type == ConversationType.PRIVATE || type == ConversationType.SYSTEM || type == ConversationType.GROUP) {
            if (!access.isParticipant(userId, type, targetId)) {
                throw new ImException(StandardErrorCode.NOT_IN_GROUP, userId + " is not a member of " + targetId);
            }
            // a group's business type hides what was sent before the member joined
            Optional<BusinessType> group = type == ConversationType.GROUP ? businessTypes.find(type) : Optional.empty();
            return new Reader(ConversationAccess.keyFor(userId, type, targetId),
                    message -> group.isPresent() ? group.get().presentTo(userId, message) : Optional.of(message),
                    true);
        }
        // the business type refuses with its own code (not a member, a private channel) or serves no reads
        Optional<BusinessType> handler = businessTypes.find(type);
        Optional<ConversationKey> key = handler.flatMap(h -> h.readableKey(userId, targetId));
        if (key.isEmpty()) {
            throw new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                    "history of " + type + " conversations is not served");
        }
        return new Reader(key.get(), message -> handler.get().presentTo(userId, message), false);
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
