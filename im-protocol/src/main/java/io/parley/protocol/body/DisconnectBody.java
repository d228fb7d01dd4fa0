package io.parley.protocol.body;

/**
 * DISCONNECT: the client is leaving. {@code logout} true means the user signed out (presence "logout");
 * false means a plain disconnect (presence "offline").
 */
public record DisconnectBody(boolean logout, String reason) {
}
