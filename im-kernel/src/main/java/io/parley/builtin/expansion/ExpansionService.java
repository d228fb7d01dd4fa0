package io.parley.builtin.expansion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.storage.MetadataStore;
import io.parley.builtin.common.ContentFields;
import io.parley.builtin.common.PublishForm;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Message expansion: a key-value map on a stored private, group or ultragroup message, each value stamped
 * with the time it was set. A change is kept in the metadata store and then written into the conversation as
 * a {@value #CHANGE_OBJECT_NAME} message, so that every participant's devices learn it, online or by sync.
 * Thread-safe: changes to one message are serialised. Blocks on storage and on the change's commit.
 * Chatroom messages (and those of any type that keeps its own) are not stored, so they are refused with 33006.
 */
public final class ExpansionService {
    public static final String CHANGE_OBJECT_NAME = "Parley:ExpansionChange";
    static final String NAMESPACE = "kernel.expansion";
    private static final TypeReference<TreeMap<String, ExpansionValue>> MAP = new TypeReference<>() {
    };

    private final MetadataStore metadata;
    private final ConversationService conversations;
    private final MessagePublisher publisher;
    private final Clock clock;

    public ExpansionService(MetadataStore metadata, ConversationService conversations, MessagePublisher publisher,
            Clock clock) {
        this.metadata = metadata;
        this.conversations = conversations;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * The stored message {@code messageUid} of the conversation {@code userId} names as ({@code type},
     * {@code targetId}); with {@code asParticipant}, only while {@code userId} takes part in it. 33006 for a chatroom
     * (or a type that keeps its own messages): its messages are not stored, so they cannot be changed.
     */
    Message storedMessage(String userId, ConversationType type, String targetId, String messageUid,
            boolean asParticipant) {
        if (type == ConversationType.CHATROOM || conversations.keepsOwnMessages(type)) {
            throw new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                    type + " messages are not stored, so they cannot be changed");
        }
        return conversations.message(userId, type, targetId, messageUid, asParticipant);
    }

    /** Sets keys on a message, as {@code userId} (a participant, unless {@code asServer}). */
    public Map<String, ExpansionValue> set(String userId, ConversationType type, String targetId, String messageUid,
            Map<String, String> values, boolean asServer, boolean syncSender) {
        ExpansionLimits.checkSet(values, asServer ? ExpansionLimits.MAX_KEYS_PER_API_CALL
                : ExpansionLimits.MAX_KEYS_PER_CLIENT_CALL);
        Message message = storedMessage(userId, type, targetId, messageUid, !asServer);
        Map<String, ExpansionValue> changed = new LinkedHashMap<>();
        synchronized (this) {
            TreeMap<String, ExpansionValue> current = read(messageUid);
            long now = clock.millis();
            values.forEach((key, value) -> changed.put(key, new ExpansionValue(value, now)));
            current.putAll(changed);
            if (current.size() > ExpansionLimits.MAX_KEYS_PER_MESSAGE) {
                throw new ImException(StandardErrorCode.QUANTITY_OVER_LIMIT,
                        "a message holds at most " + ExpansionLimits.MAX_KEYS_PER_MESSAGE + " expansion keys");
            }
            write(messageUid, current);
        }
        announce(userId, type, targetId, message, changed, java.util.List.of(), syncSender);
        return changed;
    }

    public void delete(String userId, ConversationType type, String targetId, String messageUid,
            Collection<String> keys, boolean asServer, boolean syncSender) {
        ExpansionLimits.checkKeys(keys, asServer ? ExpansionLimits.MAX_KEYS_PER_API_CALL
                : ExpansionLimits.MAX_KEYS_PER_CLIENT_CALL);
        Message message = storedMessage(userId, type, targetId, messageUid, !asServer);
        synchronized (this) {
            TreeMap<String, ExpansionValue> current = read(messageUid);
            keys.forEach(current::remove);
            write(messageUid, current);
        }
        announce(userId, type, targetId, message, Map.of(), keys, syncSender);
    }

    /** Every key of a message, in key order; empty for a message without expansion. */
    public Map<String, ExpansionValue> query(String messageUid) {
        return read(messageUid);
    }

    private void announce(String userId, ConversationType type, String targetId, Message message,
            Map<String, ExpansionValue> put, Collection<String> removed, boolean syncSender) {
        ObjectNode content = ContentFields.mapper().createObjectNode();
        content.put("messageUId", message.messageUid());
        content.set("put", ContentFields.mapper().valueToTree(put));
        content.set("del", ContentFields.mapper().valueToTree(removed));
        PublishForm.await(publisher.publish(new OutgoingMessage(type, userId, targetId, CHANGE_OBJECT_NAME,
                content.toString(), Optional.empty(), Optional.empty(), true, false, syncSender,
                "expansion:" + UUID.randomUUID(), Optional.empty())));
    }

    private TreeMap<String, ExpansionValue> read(String messageUid) {
        return metadata.get(NAMESPACE, messageUid).map(json -> {
            try {
                return ContentFields.mapper().readValue(json, MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt expansion of " + messageUid, e);
            }
        }).orElseGet(TreeMap::new);
    }

    private void write(String messageUid, Map<String, ExpansionValue> values) {
        try {
            if (values.isEmpty()) {
                metadata.delete(NAMESPACE, messageUid);
            } else {
                metadata.put(NAMESPACE, messageUid, ContentFields.mapper().writeValueAsString(values));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
