package io.parley.plugin.chatroom;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;

/**
 * The chatroom plugin's error codes, with RongCloud's own numbers (range 23400–23499), so that client code
 * written for RongCloud understands them. They reach a client in SEND_ACK or COMMAND_RESULT, and the app
 * server in the server-API envelope.
 */
public enum ChatroomErrorCode implements ErrorCode {
    /** The sender or caller is not a member of the room. */
    NOT_IN_CHATROOM(23406, ErrorType.USER_ERROR),
    /** The sender is muted: gagged in the room, globally muted, or the whole room is muted. */
    FORBIDDEN_IN_CHATROOM(23408, ErrorType.USER_ERROR),
    /** The user was kicked (blocked) and may not come back before the block ends. */
    KICKED(23409, ErrorType.USER_ERROR),
    /** No room has this id (never created, or destroyed). */
    NOT_EXIST(23410, ErrorType.USER_ERROR),
    /** The room has {@code chatroom.max-members} members already. */
    FULL(23411, ErrorType.INSUFFICIENT_RESOURCES),
    /** Too many attributes in the room, or a key or value over its size limit. */
    KV_EXCEED(23423, ErrorType.USER_ERROR),
    /** The attribute belongs to another user and the caller did not ask to overwrite (or force-remove) it. */
    KV_OVERWRITE_INVALID(23424, ErrorType.USER_ERROR),
    /** The attribute to remove does not exist. */
    KEY_NOT_EXIST(23427, ErrorType.USER_ERROR),
    /** Parley's own: stored room history was asked for, but cloud storage of room history is off. */
    HISTORY_NOT_STORED(23490, ErrorType.USER_ERROR),
    /** Parley's own: with several nodes, the shared store that numbers a room's messages does not answer; retry. */
    UNAVAILABLE(23491, ErrorType.EXTERNAL);

    private final int code;
    private final ErrorType type;

    ChatroomErrorCode(int code, ErrorType type) {
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
