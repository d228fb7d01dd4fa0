package io.parley.plugin.routing.spi;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;

/**
 * The routing plugin's error codes, in its range 42000–42099. Answered by the dead-letter server-API
 * routes; delivery failures themselves never reach a caller (they are retried, then dead-lettered).
 */
public enum RoutingErrorCode implements ErrorCode {
    /** The outbox is closed: the server is stopping. */
    OUTBOX_CLOSED(42001, ErrorType.INSUFFICIENT_RESOURCES),
    /** The outbox file could not be opened or written. */
    OUTBOX_FAILED(42002, ErrorType.INTERNAL_ERROR),
    /** {@code routing.sink} names no known sink factory. */
    UNKNOWN_SINK(42003, ErrorType.USER_ERROR),
    /** A dead-letter id given to replay is not in the dead-letter store. */
    DEAD_LETTER_NOT_FOUND(42004, ErrorType.USER_ERROR);

    private final int code;
    private final ErrorType type;

    RoutingErrorCode(int code, ErrorType type) {
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
