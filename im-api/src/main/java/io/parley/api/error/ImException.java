package io.parley.api.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type of Parley's SPI. It carries a numbered {@link ErrorCode}; the kernel turns it into
 * a server-API envelope ({@code {"code":…,"errorMessage":…}}) or a protocol ERROR frame. Plugins throw it
 * with their own codes; any other exception is reported as {@link StandardErrorCode#INTERNAL_ERROR}.
 */
public class ImException extends RuntimeException {
    private final ErrorCode errorCode;

    public ImException(ErrorCode errorCode, String message) {
        super(requireNonNull(message, "message is null"));
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ImException(ErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public int code() {
        return errorCode.code();
    }

    /** Shorthand for a {@link StandardErrorCode#INVALID_PARAMETER} error. */
    public static ImException invalidParameter(String message) {
        return new ImException(StandardErrorCode.INVALID_PARAMETER, message);
    }
}
