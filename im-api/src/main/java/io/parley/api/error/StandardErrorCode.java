package io.parley.api.error;

/**
 * The kernel's error codes. Numbers follow RongCloud where RongCloud has one (server API 1xxx, connection
 * 310xx, message 2xxxx); Parley's own protocol codes are in the 33xxx range.
 */
public enum StandardErrorCode implements ErrorCode {
    INTERNAL_ERROR(1000, ErrorType.INTERNAL_ERROR),
    INVALID_PARAMETER(1002, ErrorType.USER_ERROR),
    /** RongCloud answers an unknown App-Key with 1002 too ("Invalidate App-Key."); HTTP 401. */
    UNKNOWN_APP_KEY(1002, ErrorType.USER_ERROR),
    NO_POST_DATA(1003, ErrorType.USER_ERROR),
    SIGNATURE_ERROR(1004, ErrorType.USER_ERROR),
    LENGTH_EXCEEDED(1005, ErrorType.USER_ERROR),
    RATE_LIMITED(1008, ErrorType.INSUFFICIENT_RESOURCES),
    /**
     * RongCloud's "service not enabled for this app": Parley answers it for RongCloud features it does not offer
     * at all, e.g. the legacy discussion groups ({@code /message/discussion/publish.json}).
     */
    SERVICE_NOT_ENABLED(1009, ErrorType.USER_ERROR),
    NOT_FOUND(1015, ErrorType.USER_ERROR),
    QUANTITY_OVER_LIMIT(1502, ErrorType.USER_ERROR),
    REQUEST_TOO_LARGE(1508, ErrorType.USER_ERROR),

    REJECTED_BY_BLACKLIST(405, ErrorType.USER_ERROR),
    /**
     * The sender is banned from private chats ({@code /user/chat/fb/set.json}); RongCloud's
     * {@code FORBIDDEN_IN_PRIVATE}. Refused in the SEND_ACK of a device's private send.
     */
    FORBIDDEN_IN_PRIVATE(20106, ErrorType.USER_ERROR),
    MESSAGE_UNAUTHORIZED(20406, ErrorType.USER_ERROR),
    SEND_FREQUENCY_TOO_FAST(20604, ErrorType.INSUFFICIENT_RESOURCES),
    NOT_IN_GROUP(22406, ErrorType.USER_ERROR),
    FORBIDDEN_IN_GROUP(22408, ErrorType.USER_ERROR),
    /** A group is at its member limit; the server API answers HTTP 405. */
    GROUP_FULL(22410, ErrorType.USER_ERROR),

    CONNECT_PROTOCOL_VERSION(31001, ErrorType.USER_ERROR),
    CONNECT_APP_KEY_REJECTED(31002, ErrorType.USER_ERROR),
    SERVER_UNAVAILABLE(31003, ErrorType.INSUFFICIENT_RESOURCES),
    TOKEN_INVALID(31004, ErrorType.USER_ERROR),
    USER_BLOCKED(31009, ErrorType.USER_ERROR),
    KICKED(31010, ErrorType.USER_ERROR),
    TOKEN_EXPIRED(31020, ErrorType.USER_ERROR),
    /**
     * The user is deactivated ({@code /user/abandon.json}, {@code /user/deactivate.json}); RongCloud's
     * {@code RC_CONN_USER_ABANDON}. A CONNECT is refused with it, and connected devices are KICKED with it.
     */
    USER_DEACTIVATED(31029, ErrorType.USER_ERROR),

    MALFORMED_FRAME(33001, ErrorType.USER_ERROR),
    FRAME_TOO_LARGE(33002, ErrorType.USER_ERROR),
    NOT_CONNECTED(33003, ErrorType.USER_ERROR),
    UNKNOWN_COMMAND(33004, ErrorType.USER_ERROR),
    HEARTBEAT_TIMEOUT(33005, ErrorType.USER_ERROR),
    UNSUPPORTED_CONVERSATION_TYPE(33006, ErrorType.USER_ERROR),
    INVALID_MESSAGE(33007, ErrorType.USER_ERROR),
    ALREADY_CONNECTED(33008, ErrorType.USER_ERROR),
    INTERCEPTOR_FAILED(33009, ErrorType.EXTERNAL),
    STORAGE_UNAVAILABLE(33010, ErrorType.INTERNAL_ERROR),
    CAPABILITY_NOT_SUPPORTED(33011, ErrorType.USER_ERROR),
    /**
     * The server is at its bound of work in flight (the commit queue, or messages accepted and not yet committed)
     * and refused the request at once rather than queue it: retry after a backoff. Nothing was stored.
     */
    SERVER_BUSY(33012, ErrorType.INSUFFICIENT_RESOURCES),
    /**
     * The connection did not read what the server wrote to it: its outbound buffer stayed above its bound for
     * longer than {@code protocol.slow-consumer-timeout}, and it was closed. Reconnect and SYNC.
     */
    SLOW_CONSUMER(33013, ErrorType.INSUFFICIENT_RESOURCES),
    /** The connection sent no CONNECT (or its CONNECT was not answered) within {@code protocol.connect-timeout}. */
    CONNECT_TIMEOUT(33014, ErrorType.USER_ERROR),
    /**
     * The port is at its bound of open connections, in total or from the caller's address; the connection is
     * closed at once. Retry after a backoff.
     */
    TOO_MANY_CONNECTIONS(33015, ErrorType.INSUFFICIENT_RESOURCES);

    private final int code;
    private final ErrorType type;

    StandardErrorCode(int code, ErrorType type) {
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
