package io.parley.protocol.body;

/**
 * ERROR: the frame with this request id failed. {@code fatal} true means the server closes the connection
 * after this frame (a protocol violation).
 */
public record ErrorBody(int code, String message, boolean fatal) {
}
