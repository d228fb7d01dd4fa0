package io.parley.client;

/**
 * The state of an {@link ImClient}'s connection, as reported to {@link ConnectionStatusListener}s.
 *
 * <p>Terminal states ({@link #isTerminal()}) stop automatic reconnection: the client stays there until the
 * app calls {@link ImClient#connect()} again (or for {@link #CLOSED}, for good).
 */
public enum ConnectionStatus {
    /** Created; {@link ImClient#connect()} has not been called yet. */
    IDLE(false),
    /** A TCP connection and CONNECT/CONNACK handshake is in progress. */
    CONNECTING(false),
    /** Connected and authenticated; messages flow. */
    CONNECTED(false),
    /**
     * Not connected because of the network (connection lost, server unreachable, heartbeat timeout). If the
     * client had been connected it reconnects on its own with backoff; if the very first attempt of a
     * {@link ImClient#connect()} failed, it waits for the app to call {@code connect()} again.
     */
    DISCONNECTED(false),
    /**
     * The server sent KICKED (another device of the same user and platform connected, or the user was blocked or
     * deactivated: the code of the failed sends tells which). No reconnection.
     */
    KICKED_OFFLINE_BY_OTHER_CLIENT(true),
    /** The server refused the token (31004 invalid, 31020 expired). No reconnection: get a new token. */
    TOKEN_INCORRECT(true),
    /**
     * The server refused the connection for a reason a retry will not fix (31001 protocol version,
     * 31002 app key, 31009 user blocked, 31029 user deactivated). No reconnection.
     */
    CONNECT_REFUSED(true),
    /** {@link ImClient#close()} or {@link ImClient#logout()} was called. Final. */
    CLOSED(true);

    private final boolean terminal;

    ConnectionStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether the client has stopped trying to connect. */
    public boolean isTerminal() {
        return terminal;
    }
}
