package io.parley.protocol.body;

/** KICKED: the server is closing this connection, e.g. because a newer device on the same platform connected. */
public record KickedBody(int code, String reason) {
}
