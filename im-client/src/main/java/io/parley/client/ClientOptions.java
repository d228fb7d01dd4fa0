package io.parley.client;

import static java.util.Objects.requireNonNull;

import io.parley.protocol.FrameHeader;
import java.time.Duration;

/**
 * The settings of one {@link ImClient}, checked when built. Made by {@link ImClient.Builder}; every field
 * except the address and the token has a default ({@link #DEFAULT_HEARTBEAT_SECONDS} and friends).
 *
 * @param host the server's TCP host
 * @param port the server's TCP port
 * @param token the user's token, from the app server's {@code /user/getToken.json}
 * @param deviceId stable per installation; a reconnect with the same id replaces the old connection
 * @param platform RongCloud's platform name: {@code iOS}, {@code Android}, {@code Web}, {@code PC}, …
 * @param sdkVersion free text sent in CONNECT, logged by the server
 * @param connectTimeout how long a connection attempt (TCP connect plus CONNACK) may take
 * @param sendAckTimeout how long to wait for a SEND_ACK before sending the same message again
 * @param sendDeadline how long after {@code send} the SDK keeps retrying before it fails the send
 * @param commandTimeout how long to wait for a COMMAND_RESULT (and for a SYNC_RESULT before the connection is
 *     deemed broken)
 * @param reconnectInitialDelay the first reconnect backoff
 * @param reconnectMaxDelay the largest reconnect backoff
 * @param autoReconnect whether to reconnect after a connection that had succeeded is lost
 * @param defaultHeartbeatSeconds the heartbeat used when CONNACK does not give one
 * @param ackEveryMessages send an ACK once this many messages were processed since the last one
 * @param ackInterval otherwise send an ACK at most this long after a message was processed
 * @param syncPageSize the {@code limit} of each SYNC page
 * @param maxFrameBytes the largest frame accepted from the server
 * @param tls TLS to the server, or null for plain TCP
 */
public record ClientOptions(String host, int port, String token, String deviceId, String platform, String sdkVersion,
        Duration connectTimeout, Duration sendAckTimeout, Duration sendDeadline, Duration commandTimeout,
        Duration reconnectInitialDelay, Duration reconnectMaxDelay, boolean autoReconnect, int defaultHeartbeatSeconds,
        int ackEveryMessages, Duration ackInterval, int syncPageSize, int maxFrameBytes, ClientTls tls) {

    public static final String SDK_VERSION = "parley-java/0.1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SEND_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SEND_DEADLINE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(10);
    public static final int DEFAULT_HEARTBEAT_SECONDS = 30;
    public static final int DEFAULT_ACK_EVERY_MESSAGES = 100;
    public static final Duration DEFAULT_ACK_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_SYNC_PAGE_SIZE = 200;

    public ClientOptions {
        requireNonNull(host, "host is null");
        requireNonNull(token, "token is null");
        requireNonNull(deviceId, "deviceId is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(sdkVersion, "sdkVersion is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is blank");
        }
        if (deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId is blank");
        }
        positive(connectTimeout, "connectTimeout");
        positive(sendAckTimeout, "sendAckTimeout");
        positive(sendDeadline, "sendDeadline");
        positive(commandTimeout, "commandTimeout");
        positive(reconnectInitialDelay, "reconnectInitialDelay");
        positive(reconnectMaxDelay, "reconnectMaxDelay");
        positive(ackInterval, "ackInterval");
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("reconnectMaxDelay " + reconnectMaxDelay
                    + " is below reconnectInitialDelay " + reconnectInitialDelay);
        }
        if (defaultHeartbeatSeconds < 1) {
            throw new IllegalArgumentException("defaultHeartbeatSeconds must be >= 1: " + defaultHeartbeatSeconds);
        }
        if (ackEveryMessages < 1) {
            throw new IllegalArgumentException("ackEveryMessages must be >= 1: " + ackEveryMessages);
        }
        if (syncPageSize < 1) {
            throw new IllegalArgumentException("syncPageSize must be >= 1: " + syncPageSize);
        }
        if (maxFrameBytes < FrameHeader.HEADER_REST_BYTES + 1) {
            throw new IllegalArgumentException("maxFrameBytes is too small: " + maxFrameBytes);
        }
    }

    /** Options with every default, for the given address and credentials. */
    public static ClientOptions defaults(String host, int port, String token, String deviceId, String platform) {
        return new ClientOptions(host, port, token, deviceId, platform, SDK_VERSION, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_SEND_ACK_TIMEOUT, DEFAULT_SEND_DEADLINE, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_RECONNECT_INITIAL_DELAY, DEFAULT_RECONNECT_MAX_DELAY, true, DEFAULT_HEARTBEAT_SECONDS,
                DEFAULT_ACK_EVERY_MESSAGES, DEFAULT_ACK_INTERVAL, DEFAULT_SYNC_PAGE_SIZE,
                FrameHeader.DEFAULT_MAX_FRAME_BYTES, null);
    }

    private static void positive(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** The token is a secret: it is masked. */
    @Override
    public String toString() {
        return "ClientOptions[host=" + host + ", port=" + port + ", token=***, deviceId=" + deviceId + ", platform="
                + platform + ", sdkVersion=" + sdkVersion + ", connectTimeout=" + connectTimeout + ", sendAckTimeout="
                + sendAckTimeout + ", sendDeadline=" + sendDeadline + ", commandTimeout=" + commandTimeout
                + ", reconnect=" + reconnectInitialDelay + ".." + reconnectMaxDelay + ", autoReconnect="
                + autoReconnect + ", defaultHeartbeatSeconds=" + defaultHeartbeatSeconds + ", ackEveryMessages="
                + ackEveryMessages + ", ackInterval=" + ackInterval + ", syncPageSize=" + syncPageSize
                + ", maxFrameBytes=" + maxFrameBytes + "]";
    }
}
