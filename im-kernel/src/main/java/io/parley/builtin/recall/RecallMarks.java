package io.parley.builtin.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.model.Message;
import io.parley.api.plugin.MessageView;
import io.parley.api.storage.MetadataStore;
import io.parley.builtin.common.ContentFields;
import java.util.Optional;

/**
 * Which messages were recalled. A recalled message stays in its log and inboxes (seqs stay gapless) but is
 * served as an {@code RC:RcNtf} — what RongCloud's clients store in its place — by sync and history. Kept in
 * the metadata store (in the namespace the kernel used before recall became a plugin, so that existing data
 * still reads). Thread-safe; blocks on storage.
 */
public final class RecallMarks implements MessageView {
    public static final String RECALL_NOTE = "RC:RcNtf";
    static final String NAMESPACE = "kernel.recalled";

    private final MetadataStore metadata;

    public RecallMarks(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public void mark(String messageUid, RecallMark mark) {
        try {
            metadata.put(NAMESPACE, messageUid, ContentFields.mapper().writeValueAsString(mark));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<RecallMark> find(String messageUid) {
        return metadata.get(NAMESPACE, messageUid).map(json -> {
            try {
                return ContentFields.mapper().readValue(json, RecallMark.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt recall mark for " + messageUid, e);
            }
        });
    }

    /** The message as it should be served now: itself, or its recall note when it was recalled. */
    @Override
    public Message present(Message message) {
        return find(message.messageUid()).map(mark -> note(message, mark)).orElse(message);
    }

    private static Message note(Message message, RecallMark mark) {
        ObjectNode content = ContentFields.mapper().createObjectNode();
        content.put("operatorId", mark.operatorId());
        content.put("recallTime", mark.recallTime());
        content.put("originalObjectName", mark.originalObjectName());
        content.put("isAdmin", mark.isAdmin());
        content.put("delete", mark.isDelete());
        return new Message(message.conversation(), message.fromUserId(), message.targetId(), RECALL_NOTE,
                content.toString(), Optional.empty(), Optional.empty(), true, false, message.clientMsgId(),
                message.source(), message.seq(), message.messageUid(), message.sentTime());
    }
}
