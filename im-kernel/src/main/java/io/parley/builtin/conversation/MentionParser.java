package io.parley.builtin.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.builtin.common.ContentFields;

/**
 * Reads RongCloud's {@code mentionedInfo} from a message's content: {@code type} 1 mentions everyone, 2 the
 * users in {@code userIdList}.
 */
public final class MentionParser {
    private MentionParser() {
    }

    /** Whether the content mentions {@code userId}, directly or through @all. */
    public static boolean mentions(String content, String userId) {
        if (content == null || !content.contains("mentionedInfo")) {
            return false;
        }
        JsonNode info = ContentFields.parse(content).path("mentionedInfo");
        if (!info.isObject()) {
            return false;
        }
        long type = ContentFields.number(info, "type", 0);
        if (type == 1) {
            return true;
        }
        for (JsonNode user : info.path("userIdList")) {
            if (user.asText().equals(userId)) {
                return true;
            }
        }
        return false;
    }
}
