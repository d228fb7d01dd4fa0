package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of a COMMAND body (a map of strings, numbers, booleans, lists and maps). Stateless. */
final class CommandBodies {
    private CommandBodies() {
    }

    static String requiredString(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null || value.toString().isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        if (!(value instanceof String text)) {
            throw ImException.invalidParameter(name + " must be a string");
        }
        return text;
    }

    static int integer(Map<String, Object> body, String name, int defaultValue) {
        Object value = body.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number)) {
            throw ImException.invalidParameter(name + " must be a number");
        }
        return number.intValue();
    }

    static boolean bool(Map<String, Object> body, String name, boolean defaultValue) {
        Object value = body.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number number) {
            return number.intValue() != 0;
        }
        throw ImException.invalidParameter(name + " must be a boolean");
    }

    static List<String> strings(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw ImException.invalidParameter(name + " must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        list.forEach(item -> result.add(String.valueOf(item)));
        return result;
    }

    /** A map of string values; numbers and booleans are taken as their text. */
    static Map<String, String> stringMap(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw ImException.invalidParameter(name + " must be a non-empty map");
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((key, item) -> {
            if (item == null || item instanceof Map || item instanceof List) {
                throw ImException.invalidParameter(name + "." + key + " must be a string");
            }
            result.put(String.valueOf(key), String.valueOf(item));
        });
        return result;
    }
}
