package io.parley.client;

import static java.util.Objects.requireNonNull;

/**
 * What the server answered to CONNECT.
 *
 * @param userId the user the token belongs to
 * @param sessionId the server's id of this connection (for logs)
 * @param serverTime the server's clock at CONNACK, epoch milliseconds
 * @param inboxHead the latest seq of this user's inbox at CONNACK
 * @param heartbeatSeconds the heartbeat interval in use
 * @param inboxCursor this client's inbox cursor when it connected (the sync starts after it)
 */
public record ConnectResult(String userId, String sessionId, long serverTime, long inboxHead, int heartbeatSeconds,
        long inboxCursor) {
    public ConnectResult {
        requireNonNull(userId, "userId is null");
    }
}
