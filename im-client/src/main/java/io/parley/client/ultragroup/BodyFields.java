package io.parley.client.ultragroup;

import java.util.List;
import java.util.Map;

/** Reads the fields of a command result or event body, which the wire decodes to maps, lists, strings and numbers. */
final class BodyFields {
    private BodyFields() {
    }

    static String string(Map<String, Object> body, String name) {
        Object value = body.get(name);
        return value == null ? "" : value.toString();
    }

    static long number(Map<String, Object> body, String name) {
        return body.get(name) instanceof Number number ? number.longValue() : 0;
    }

    static boolean flag(Map<String, Object> body, String name) {
        return Boolean.TRUE.equals(body.get(name));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> body, String name) {
        return body.get(name) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
