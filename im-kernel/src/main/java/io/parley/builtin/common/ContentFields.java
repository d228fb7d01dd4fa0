package io.parley.builtin.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Reads fields of a message's JSON content leniently: numbers may come as strings and booleans as 0/1. */
public final class ContentFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentFields() {
    }

    /** The content as a JSON object, or an empty object when it is not one. */
    public static JsonNode parse(String content) {
        try {
            JsonNode node = JSON.readTree(content);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A flag given as true/false, 1/0 or "1"/"0". */
    public static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText().equals("1") || value.asText().equalsIgnoreCase("true");
    }

    public static long number(JsonNode node, String field, long defaultValue) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        try {
            return value.isNumber() ? value.asLong() : Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
