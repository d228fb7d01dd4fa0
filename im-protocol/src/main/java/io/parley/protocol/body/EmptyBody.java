package io.parley.protocol.body;

/** The body of PING and PONG: nothing. */
public record EmptyBody() {
    public static final EmptyBody INSTANCE = new EmptyBody();
}
