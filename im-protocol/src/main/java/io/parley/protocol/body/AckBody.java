package io.parley.protocol.body;

/** ACK: this device has processed its inbox up to {@code inboxCursor}. The server records it per device. */
public record AckBody(long inboxCursor) {
}
