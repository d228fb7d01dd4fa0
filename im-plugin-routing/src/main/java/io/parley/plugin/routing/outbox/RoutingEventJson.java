package io.parley.plugin.routing.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape of a {@link RoutingEvent}, used for outbox records, dead letters, the dead-letter API
 * and the JSON-lines sink: {@code {"id":…,"kind":"message","key":…,"occurredAt":…,"queuedAt":…,"fields":{…}}}.
 * Stateless and thread-safe; never blocks.
 */
public final class RoutingEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingEventJson() {
    }

    public static ObjectNode toNode(RoutingEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("kind", event.kind().wireName());
        node.put("key", event.key());
        node.put("occurredAt", event.occurredAt());
        node.put("queuedAt", event.queuedAt());
        ObjectNode fields = node.putObject("fields");
        event.fields().forEach(fields::put);
        return node;
    }

    public static RoutingEvent fromNode(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.path("fields").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            fields.put(entry.getKey(), entry.getValue().asText());
        }
        return new RoutingEvent(node.path("id").asLong(), RoutingEvent.Kind.fromWireName(node.path("kind").asText()),
                node.path("key").asText(), node.path("occurredAt").asLong(), node.path("queuedAt").asLong(), fields);
    }

    /** The event as one line of JSON, without a line break. */
    public static String toLine(RoutingEvent event) {
        return toNode(event).toString();
    }

    public static byte[] toBytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt outbox record", e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
