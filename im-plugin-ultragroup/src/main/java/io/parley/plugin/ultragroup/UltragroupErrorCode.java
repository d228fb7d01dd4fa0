package io.parley.plugin.ultragroup;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;

/**
 * The ultragroup plugin's error codes, in its range 44000–44099 (see {@code docs/plugin-guide.md}). They reach a
 * client in SEND_ACK or COMMAND_RESULT, and the app server in the server-API envelope.
 */
public enum UltragroupErrorCode implements ErrorCode {
    /** No ultragroup has this id (never created, or dismissed). */
    NOT_EXIST(44001, ErrorType.USER_ERROR),
    /** The user is not a member of the ultragroup. */
    NOT_MEMBER(44002, ErrorType.USER_ERROR),
    /** The ultragroup has no channel with this id. */
    CHANNEL_NOT_EXIST(44003, ErrorType.USER_ERROR),
    /** The channel is private and the user is neither on its list nor in a user group bound to it. */
    NO_CHANNEL_ACCESS(44004, ErrorType.USER_ERROR),
    /** The sender is muted in the ultragroup or channel (userbanned, or globalbanned and not whitelisted). */
    MUTED(44005, ErrorType.USER_ERROR),
    /** The user is in {@code ultragroup.max-groups-per-user} ultragroups already. */
    TOO_MANY_GROUPS(44006, ErrorType.USER_ERROR),
    /** The ultragroup has {@code ultragroup.max-channels-per-group} channels already. */
    TOO_MANY_CHANNELS(44007, ErrorType.USER_ERROR),
    /** An ultragroup or channel with this id exists already. */
    ALREADY_EXISTS(44008, ErrorType.USER_ERROR),
    /** Only the sender of a message (or the server API) may edit it. */
    NOT_SENDER(44009, ErrorType.USER_ERROR),
    /** The ultragroup has no user group with this id. */
    USER_GROUP_NOT_EXIST(44010, ErrorType.USER_ERROR),
    /** The message is not in this channel, or not an ultragroup message that can be edited. */
    MESSAGE_NOT_FOUND(44011, ErrorType.USER_ERROR);

    private final int code;
    private final ErrorType type;

    UltragroupErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return type;
    }
}
