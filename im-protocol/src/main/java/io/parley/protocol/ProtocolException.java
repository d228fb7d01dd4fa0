package io.parley.protocol;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ImException;

/** A frame broke the protocol: the peer gets an ERROR frame with this code and the connection is closed. */
public class ProtocolException extends ImException {
    public ProtocolException(ErrorCode code, String message) {
        super(code, message);
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
