package io.parley.client;

/**
 * A failure reported by the client SDK, with a numeric code. Codes from the server are passed on unchanged
 * (RongCloud's where one exists: 31004 token invalid, 31020 token expired, 31010 kicked, 20604 sending too
 * fast, …; Parley's 33xxx protocol codes). Codes the SDK itself produces are the constants of this class,
 * in the 34xxx range, except {@link #STORE_OF_ANOTHER_USER}, shared with the JavaScript SDK.
 */
public class ImClientException extends RuntimeException {
    /** The operation was not answered in time (a send past its deadline, a command past its timeout). */
    public static final int TIMEOUT = 34001;
    /** The client was closed (or logged out) before the operation completed. */
    public static final int CLIENT_CLOSED = 34002;
    /** The client is not connected and is not reconnecting, or the connection was lost under a command. */
    public static final int NOT_CONNECTED = 34003;
    /** The connection failed at the network level (refused, reset, heartbeat timeout). */
    public static final int NETWORK_ERROR = 34004;
    /**
     * The device's message store ({@link ImClientBuilder#localStore}) belongs to another user than the one the
     * server's CONNACK confirms for the token: the connect fails and nothing is synced into the store, so that two
     * users' messages never mix. The same code as the JavaScript SDK's {@code ErrorCodes.STORE_OF_ANOTHER_USER}
     * (hence outside the 34xxx range).
     */
    public static final int STORE_OF_ANOTHER_USER = -5;

    private final int code;

    public ImClientException(int code, String message) {
        super(message);
        this.code = code;
    }

    public ImClientException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The error code: the server's, or one of this class's constants. */
    public int code() {
        return code;
    }

    @Override
    public String toString() {
        return "ImClientException[" + code + "]: " + getMessage();
    }
}
