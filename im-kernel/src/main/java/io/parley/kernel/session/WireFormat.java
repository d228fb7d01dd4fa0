package io.parley.kernel.session;

import io.netty.util.AttributeKey;

/** How a connection carries frames, so that a fan-out can encode a frame once per format. */
public enum WireFormat {
    /** Length-prefixed binary frames on a byte stream (TCP). */
    STREAM,
    /** One binary frame per WebSocket binary message. */
    WEBSOCKET_BINARY,
    /** One JSON frame per WebSocket text message. */
    WEBSOCKET_TEXT;

    /** Set on each client channel by its transport. */
    public static final AttributeKey<WireFormat> KEY = AttributeKey.valueOf("parley.wire-format");
}
