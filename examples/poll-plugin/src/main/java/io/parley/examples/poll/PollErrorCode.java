package io.parley.examples.poll;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;

/**
 * The plugin's own error codes, in the range kept for plugins outside Parley (50000 and up). They reach a client
 * as the code of a failed command and an app server as the {@code code} of the server API's answer. Malformed
 * requests (a missing field, too few options) are answered with Parley's own 1002, as every endpoint does.
 */
public enum PollErrorCode implements ErrorCode {
    /** The caller may not read the poll's conversation: not a member of the group, not one of the private chat. */
    NOT_A_MEMBER(50001),
    POLL_NOT_FOUND(50002),
    POLL_CLOSED(50003),
    /** The option voted for is not one of the poll's. */
    NO_SUCH_OPTION(50004);

    private final int code;

    PollErrorCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return ErrorType.USER_ERROR;
    }
}
