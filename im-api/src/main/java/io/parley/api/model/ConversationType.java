package io.parley.api.model;

import java.util.Optional;

/**
 * The kinds of conversation, numbered as RongCloud numbers them, so that the numbers on the wire and in
 * the server API are the ones existing clients use. Each type is served by a
 * {@link io.parley.api.plugin.BusinessType}; a type with no handler installed is refused with
 * {@code UNSUPPORTED_CONVERSATION_TYPE}.
 */
public enum ConversationType {
    PRIVATE(1),
    GROUP(3),
    CHATROOM(4),
    SYSTEM(6),
    ULTRA_GROUP(10);

    private final int code;

    ConversationType(int code) {
        this.code = code;
    }

    /** RongCloud's number for this type. */
    public int code() {
        return code;
    }

    /**
     * The {@code channelType} name RongCloud's callbacks use: {@code PERSON}, {@code GROUP}, {@code TEMPGROUP}
     * (chatroom); {@code NOTIFY} (system) and {@code ULTRAGROUP} are unverified in RongCloud's docs.
     */
    public String channelType() {
        return switch (this) {
            case PRIVATE -> "PERSON";
            case GROUP -> "GROUP";
            case CHATROOM -> "TEMPGROUP";
            case SYSTEM -> "NOTIFY";
            case ULTRA_GROUP -> "ULTRAGROUP";
        };
    }

    public static Optional<ConversationType> fromCode(int code) {
        for (ConversationType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type of RongCloud's number {@code code}; an {@code ImException} (33006) naming it when no type has it. */
    public static ConversationType ofCode(long code) {
        return code < Integer.MIN_VALUE || code > Integer.MAX_VALUE ? unknown(code)
                : fromCode((int) code).orElseGet(() -> unknown(code));
    }

    private static ConversationType unknown(long code) {
        throw new io.parley.api.error.ImException(io.parley.api.error.StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                "unknown conversationType " + code);
    }
}
