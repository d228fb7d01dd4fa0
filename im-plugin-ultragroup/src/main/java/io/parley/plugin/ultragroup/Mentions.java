package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mentionedInfo} of a message's content, RongCloud's shape: {@code {"type":1}} mentions everyone,
 * {@code {"type":2,"userIdList":[…]}} the listed users.
 */
record Mentions(boolean all, List<String> users) {
    static final Mentions NONE = new Mentions(false, List.of());

    /** The mentions a message counts for: those of a stored, counted message's content; none otherwise. */
    static Mentions of(io.parley.api.model.Message message) {
        return message.seq() > 0 && message.counted() ? of(message.content()) : NONE;
    }

    static Mentions of(String content) {
        if (content == null || !content.contains("mentionedInfo")) {
            return NONE;
        }
        try {
            JsonNode info = MetadataRecords.JSON.readTree(content).path("mentionedInfo");
            if (!info.isObject()) {
                return NONE;
            }
            List<String> users = new ArrayList<>();
            info.path("userIdList").forEach(node -> users.add(node.asText()));
            return new Mentions(info.path("type").asInt(0) == 1, List.copyOf(users));
        } catch (IOException e) {
            return NONE;
        }
    }

    boolean any() {
        return all || !users.isEmpty();
    }

    boolean mentions(String userId) {
        return all || users.contains(userId);
    }
}
