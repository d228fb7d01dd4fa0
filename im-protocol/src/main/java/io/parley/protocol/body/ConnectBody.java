package io.parley.protocol.body;

/**
 * CONNECT, the first frame a client sends.
 *
 * @param token from {@code /user/getToken.json}
 * @param deviceId stable per installation; a reconnect with the same id replaces the old connection
 * @param platform {@code iOS}, {@code Android}, {@code Web}, {@code PC}, … (RongCloud's platform names)
 * @param inboxCursor the last inbox seq this device has processed, or 0
 * @param sdkVersion free text, logged
 */
public record ConnectBody(String token, String deviceId, String platform, long inboxCursor, String sdkVersion) {
}
