package io.parley.client;

import java.util.Map;

/**
 * Receives the server's EVENT frames: named events pushed by the kernel or a plugin (a recall, a chatroom
 * notice). Events are not sequenced and not replayed after a reconnect.
 *
 * <p>Called on the client's callback thread (see {@link ImClient}), in order with messages and status
 * changes, never on a Netty event loop.
 */
@FunctionalInterface
public interface EventListener {
    /**
     * @param name the event's name, e.g. {@code message.recalled}
     * @param body its fields, never null (empty when the server sent none)
     */
    void onEvent(String name, Map<String, Object> body);
}
