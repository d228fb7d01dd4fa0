package io.parley.api.model;

import static java.util.Objects.requireNonNull;

/**
 * A message type by its RongCloud object name ({@code RC:TxtMsg}) and how it is kept. Plugins contribute
 * types through {@link io.parley.api.plugin.ImPlugin#messageTypes()}; a custom name unknown to the
 * registry is accepted as {@link MessageKind#COUNTED} when it is valid (at most 32 characters, not
 * starting with {@code RC:}).
 */
public record MessageType(String objectName, MessageKind kind) {
    public static final int MAX_CUSTOM_NAME_LENGTH = 32;

    public MessageType {
        requireNonNull(objectName, "objectName is null");
        requireNonNull(kind, "kind is null");
        if (objectName.isBlank()) {
            throw new IllegalArgumentException("objectName is blank");
        }
    }
}
