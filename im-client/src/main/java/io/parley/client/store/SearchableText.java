package io.parley.client.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Which fields of a message's content are searched, by message type: the text of {@code RC:TxtMsg}, the name of a
 * file, the title of a card, and so on. Types not in the table (images, voice, notifications, custom types) are
 * stored but not searchable. Thread-safe.
 */
public final class SearchableText {
    /** The searched fields of each built-in type, with RongCloud's field names. */
    public static final Map<String, List<String>> FIELDS = Map.of(
            "RC:TxtMsg", List.of("content"),
            "RC:ReferenceMsg", List.of("content"),
            "RC:FileMsg", List.of("name"),
            "RC:SightMsg", List.of("name"),
            "RC:ImgTextMsg", List.of("title", "content"),
            "RC:LBSMsg", List.of("poi"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchableText() {
    }

    /** The searchable text of a message, its fields joined by a line break; {@code ""} when it has none. */
    public static String of(String objectName, String content) {
        List<String> fields = FIELDS.get(objectName);
        if (fields == null || content == null || content.isEmpty()) {
            return "";
        }
        JsonNode json;
        try {
            json = JSON.readTree(content);
        } catch (IOException e) {
            return ""; // content that is not JSON has no fields to search
        }
        if (json == null || !json.isObject()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            JsonNode value = json.get(field);
            if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(value.asText());
            }
        }
        return text.toString();
    }
}
