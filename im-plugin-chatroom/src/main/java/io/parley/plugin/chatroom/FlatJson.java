package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a flat JSON object whose values are strings, numbers or booleans ({@code entryInfo} of the server
 * API) into a map of strings, without a JSON library. Nested objects and arrays are refused. Stateless.
 */
final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    static Map<String, String> parseObject(String name, String text) {
        try {
            return new FlatJson(text).object();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw ImException.invalidParameter(name + " must be a JSON object of string values: " + e.getMessage());
        }
    }

    private Map<String, String> object() {
        Map<String, String> result = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            pos++;
            return end(result);
        }
        while (true) {
            String key = string();
            expect(':');
            result.put(key, value());
            char next = next();
            if (next == '}') {
                return end(result);
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or } at " + (pos - 1));
            }
        }
    }

    private Map<String, String> end(Map<String, String> result) {
        skipSpace();
        if (pos != text.length()) {
            throw new IllegalArgumentException("text after the object at " + pos);
        }
        return result;
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length() && ",} \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!literal.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false")) {
            throw new IllegalArgumentException("unsupported value at " + start);
        }
        return literal;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(escaped);
            }
        }
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw new IllegalArgumentException("expected " + wanted + " at " + (pos - 1));
        }
    }

    private char next() {
        skipSpace();
        return text.charAt(pos++);
    }

    private char peek() {
        skipSpace();
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
