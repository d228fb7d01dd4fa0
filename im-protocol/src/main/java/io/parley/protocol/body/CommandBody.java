package io.parley.protocol.body;

import java.util.Map;

/** COMMAND: a named command contributed by a plugin ({@code chatroom.join}, …). */
public record CommandBody(String name, Map<String, Object> body) {
}
