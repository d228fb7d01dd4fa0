package io.parley.plugin.routing.outbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.plugin.routing.spi.RoutingEvent;

/**
 * An event that could not be delivered within the retry window, kept in the outbox file's dead-letter
 * store until it is replayed. Immutable.
 *
 * @param event the event as it was queued (its id is also the dead letter's id)
 * @param deadAt when it was moved here, epoch milliseconds
 * @param attempts how many deliveries were tried in this server's run before giving up
 * @param lastError what the last attempt failed with
 */
public record DeadLetter(RoutingEvent event, long deadAt, int attempts, String lastError) {
    public DeadLetter {
        requireNonNull(event, "event is null");
        requireNonNull(lastError, "lastError is null");
    }

    public long id() {
        return event.id();
    }

    public ObjectNode toNode() {
        ObjectNode node = RoutingEventJson.toNode(event);
        node.put("deadAt", deadAt);
        node.put("attempts", attempts);
        node.put("lastError", lastError);
        return node;
    }

    public static DeadLetter fromNode(JsonNode node) {
        return new DeadLetter(RoutingEventJson.fromNode(node), node.path("deadAt").asLong(),
                node.path("attempts").asInt(), node.path("lastError").asText());
    }
}
