package io.parley.protocol.body;

/**
 * The answer to CONNECT. {@code code} 0 means connected; any other code (RongCloud's 310xx where one exists)
 * means refused, and the server closes the connection after sending it.
 *
 * @param inboxHead the latest inbox seq; a device whose cursor is below it should SYNC
 * @param heartbeatSeconds the client should PING at least this often; the server drops a connection silent
 *     for three times as long
 */
public record ConnAckBody(int code, String message, String userId, String sessionId, long serverTime,
        long inboxHead, int heartbeatSeconds, int maxFrameBytes) {
}
