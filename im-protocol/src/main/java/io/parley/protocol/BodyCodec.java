package io.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns bodies into bytes and back: CBOR for binary frames, JSON for WebSocket text frames. Unknown fields
 * are ignored, so that newer peers can add fields. Thread-safe.
 */
public final class BodyCodec {
    /**
     * Lenient about text that is not Unicode: an unpaired surrogate is written as U+FFFD rather than failing the
     * whole frame. Decoding refuses such text from clients ({@link WellFormedText}), but an ERROR may quote what a
     * client sent, and other sources (the server API's JSON) may hold it.
     */
    private static final ObjectMapper CBOR = configure(CBORMapper.builder()
            .enable(CBORGenerator.Feature.LENIENT_UTF_ENCODING).build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private BodyCodec() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static byte[] toCbor(Object body) {
        try {
            return CBOR.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a CBOR body; null for a CBOR null; a {@link ProtocolException} (33001) when it is not a body. */
    public static Object fromCbor(Command command, byte[] bytes, int offset, int length) {
        Object body;
        try {
            body = CBOR.readValue(bytes, offset, length, command.bodyType());
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME,
                    "cannot decode the body of " + command + ": " + e.getMessage(), e);
        }
        WellFormedText.require(command, body);
        return body;
    }

    /** Encodes a whole frame as a WebSocket JSON text: {@code {"type":"SEND","requestId":1,"body":{…}}}. */
    public static String toJsonText(Frame frame) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", frame.command().name());
        node.put("requestId", frame.requestId());
        node.set("body", JSON.valueToTree(frame.body()));
        return node.toString();
    }

    /** Decodes a WebSocket JSON text frame; a {@link ProtocolException} when it is not one. */
    public static Frame fromJsonText(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME, "not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME,
                    "a text frame must be a JSON object with a string field 'type'");
        }
        Command command;
        try {
            command = Command.valueOf(node.get("type").asText());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(StandardErrorCode.UNKNOWN_COMMAND, "unknown type: " + node.get("type").asText());
        }
        int requestId = requestId(node.path("requestId"));
        JsonNode bodyNode = node.path("body");
        Frame frame;
        try {
            Object body = JSON.treeToValue(bodyNode.isMissingNode() || bodyNode.isNull()
                    ? JSON.createObjectNode() : bodyNode, command.bodyType());
            frame = Frame.of(command, requestId, body);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME,
                    "cannot decode the body of " + command + ": " + e.getMessage(), e);
        }
        WellFormedText.require(command, frame.body());
        return frame;
    }

    /** A JSON frame's request id: missing or null is 0; an integer outside int32, or not an integer, is 33001. */
    private static int requestId(JsonNode id) {
        if (id.isMissingNode() || id.isNull()) {
            return 0;
        }
        if (!id.isIntegralNumber() || !id.canConvertToInt()) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME, "requestId must be an integer from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", not "
                    + (id.isNumber() ? id.asText() : "a " + id.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return id.intValue();
    }
}
