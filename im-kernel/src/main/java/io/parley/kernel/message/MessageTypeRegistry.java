package io.parley.kernel.message;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Message types by object name, with how each is kept. Holds RongCloud's built-in {@code RC:} types and the
 * types plugins contribute. A custom name not registered is accepted as {@link MessageKind#COUNTED} when it
 * is valid (at most 32 characters, not starting with {@code RC:}). Immutable after startup; thread-safe.
 */
public final class MessageTypeRegistry {
    private final Map<String, MessageType> types = new HashMap<>();

    public MessageTypeRegistry(List<MessageType> contributed) {
        for (MessageType type : BuiltInMessageTypes.ALL) {
            types.put(type.objectName(), type);
        }
        for (MessageType type : contributed) {
            MessageType previous = types.putIfAbsent(type.objectName(), type);
            if (previous != null && !previous.equals(type)) {
                throw ImException.invalidParameter("message type " + type.objectName() + " is registered twice");
            }
        }
    }

    /** The type of {@code objectName}; an INVALID_MESSAGE error for an unknown {@code RC:} name or a bad custom one. */
    public MessageType resolve(String objectName) {
        if (objectName == null || objectName.isBlank()) {
            throw new ImException(StandardErrorCode.INVALID_MESSAGE, "objectName is required");
        }
        MessageType known = types.get(objectName);
        if (known != null) {
            return known;
        }
        if (objectName.startsWith("RC:")) {
            throw new ImException(StandardErrorCode.INVALID_MESSAGE, "unknown RC: message type " + objectName
                    + "; custom types must not start with RC:");
        }
        if (objectName.length() > MessageType.MAX_CUSTOM_NAME_LENGTH) {
            throw new ImException(StandardErrorCode.INVALID_MESSAGE,
                    "custom objectName is longer than " + MessageType.MAX_CUSTOM_NAME_LENGTH + " characters");
        }
        return new MessageType(objectName, MessageKind.COUNTED);
    }
}
