package io.parley.protocol.body;

import java.util.Map;

/** COMMAND_RESULT: {@code code} 0 and a body, or an error code and message. */
public record CommandResultBody(int code, String message, Map<String, Object> body) {
}
