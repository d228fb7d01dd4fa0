package io.parley.client.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the messages that change another message rather than being shown (a recall {@code RC:RcCmd}, an expansion
 * change {@code Parley:ExpansionChange}, an ultragroup edit {@code Parley:UgMsgModify}), a read position
 * ({@code RC:SRSMsg}), and the mentions of a message ({@code mentionedInfo}). Contents that cannot be read yield
 * nothing. Stateless.
 */
final class MessageCommands {
    static final String RECALL = "RC:RcCmd";
    static final String RECALLED = "RC:RcNtf";
    static final String EXPANSION_CHANGE = "Parley:ExpansionChange";
    static final String ULTRAGROUP_EDIT = "Parley:UgMsgModify";
    static final String READ_POSITION = "RC:SRSMsg";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recall of {@code messageUid}; {@code delete}: the message goes without leaving a notice. */
    record Recall(String messageUid, boolean delete) {
    }

    /** Expansion keys set and removed on {@code messageUid}. */
    record ExpansionChange(String messageUid, Map<String, String> put, List<String> removed) {
    }

    /** A new version of an ultragroup message. */
    record Edit(String messageUid, int version, String content) {
    }

    /** Whom a message mentions. */
    enum Mention { NONE, ME, ALL }

    private MessageCommands() {
    }

    static Optional<Recall> recall(String content) {
        return json(content).filter(j -> j.hasNonNull("messageUId"))
                .map(j -> new Recall(j.get("messageUId").asText(), j.path("isDelete").asBoolean(false)));
    }

    static Optional<ExpansionChange> expansionChange(String content) {
        return json(content).filter(j -> j.hasNonNull("messageUId")).map(j -> {
            Map<String, String> put = new LinkedHashMap<>();
            j.path("put").fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                put.put(field.getKey(), value.isObject() ? value.path("v").asText() : value.asText());
            });
            List<String> removed = new ArrayList<>();
            j.path("del").forEach(key -> removed.add(key.asText()));
            return new ExpansionChange(j.get("messageUId").asText(), put, removed);
        });
    }

    static Optional<Edit> edit(String content) {
        return json(content).filter(j -> j.hasNonNull("messageUId"))
                .map(j -> new Edit(j.get("messageUId").asText(), j.path("version").asInt(), j.path("content").asText()));
    }

    /** The {@code lastMessageSendTime} of a read position, or empty. */
    static Optional<Long> readTime(String content) {
        return json(content).filter(j -> j.has("lastMessageSendTime")).map(j -> j.get("lastMessageSendTime").asLong());
    }

    /** The content of the {@code RC:RcNtf} a recalled message becomes, as the server serves it. */
    static String recallNotice(String operatorId, long recallTime, String originalObjectName, boolean delete) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("operatorId", operatorId);
        notice.put("recallTime", recallTime);
        notice.put("originalObjectName", originalObjectName);
        notice.put("isAdmin", false);
        notice.put("delete", delete);
        return RecordCodec.write(notice);
    }

    static Mention mention(String content, String userId) {
        if (content == null || !content.contains("mentionedInfo")) {
            return Mention.NONE;
        }
        JsonNode info = json(content).map(j -> j.path("mentionedInfo")).orElse(null);
        if (info == null || !info.isObject()) {
            return Mention.NONE;
        }
        if (info.path("type").asInt() == 1) {
            return Mention.ALL;
        }
        for (JsonNode id : info.path("userIdList")) {
            if (userId.equals(id.asText())) {
                return Mention.ME;
            }
        }
        return Mention.NONE;
    }

    private static Optional<JsonNode> json(String content) {
        if (content == null || content.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(content);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
