package io.parley.protocol.body;

import java.util.Map;

/** EVENT: a named server-side event pushed by the kernel or a plugin (a recall, a chatroom notice). */
public record EventBody(String name, Map<String, Object> body) {
}
