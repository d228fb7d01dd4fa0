package io.parley.client;

import io.netty.channel.EventLoopGroup;
import io.parley.protocol.FrameHeader;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Builds an {@link ImClient}. Not thread-safe. Every setting but the address, token and device id has a
 * default (see {@link ClientOptions}).
 */
public final class ImClientBuilder {
    private String host;
    private int port;
    private String token;
    private String deviceId;
    private String platform = "PC";
    private String sdkVersion = ClientOptions.SDK_VERSION;
    private Duration connectTimeout = ClientOptions.DEFAULT_CONNECT_TIMEOUT;
    private Duration sendAckTimeout = ClientOptions.DEFAULT_SEND_ACK_TIMEOUT;
    private Duration sendDeadline = ClientOptions.DEFAULT_SEND_DEADLINE;
    private Duration commandTimeout = ClientOptions.DEFAULT_COMMAND_TIMEOUT;
    private Duration reconnectInitialDelay = ClientOptions.DEFAULT_RECONNECT_INITIAL_DELAY;
    private Duration reconnectMaxDelay = ClientOptions.DEFAULT_RECONNECT_MAX_DELAY;
    private boolean autoReconnect = true;
    private int defaultHeartbeatSeconds = ClientOptions.DEFAULT_HEARTBEAT_SECONDS;
    private int ackEveryMessages = ClientOptions.DEFAULT_ACK_EVERY_MESSAGES;
    private Duration ackInterval = ClientOptions.DEFAULT_ACK_INTERVAL;
    private int syncPageSize = ClientOptions.DEFAULT_SYNC_PAGE_SIZE;
    private int maxFrameBytes = FrameHeader.DEFAULT_MAX_FRAME_BYTES;
    private ClientTls tls;
    private CursorStore cursorStore;
    private DeviceMessageStore localStore;
    private EventLoopGroup eventLoopGroup;
    private Executor callbackExecutor;

    ImClientBuilder() {
    }

    /** Starts from existing options (every field is copied). */
    public ImClientBuilder options(ClientOptions o) {
        address(o.host(), o.port()).token(o.token()).deviceId(o.deviceId()).platform(o.platform())
                .sdkVersion(o.sdkVersion()).connectTimeout(o.connectTimeout()).sendAckTimeout(o.sendAckTimeout())
                .sendDeadline(o.sendDeadline()).commandTimeout(o.commandTimeout())
                .reconnectDelay(o.reconnectInitialDelay(), o.reconnectMaxDelay()).autoReconnect(o.autoReconnect())
                .defaultHeartbeatSeconds(o.defaultHeartbeatSeconds()).ackEvery(o.ackEveryMessages(), o.ackInterval())
                .syncPageSize(o.syncPageSize()).maxFrameBytes(o.maxFrameBytes()).tls(o.tls());
        return this;
    }

    /** The server's TCP host and port. Required. */
    public ImClientBuilder address(String host, int port) {
        this.host = host;
        this.port = port;
        return this;
    }

    /** The user's token from {@code /user/getToken.json}. Required. */
    public ImClientBuilder token(String token) {
        this.token = token;
        return this;
    }

    /** Stable per installation. Required. */
    public ImClientBuilder deviceId(String deviceId) {
        this.deviceId = deviceId;
        return this;
    }

    /** RongCloud's platform name ({@code iOS}, {@code Android}, {@code Web}, {@code PC}); default PC. */
    public ImClientBuilder platform(String platform) {
        this.platform = platform;
        return this;
    }

    public ImClientBuilder sdkVersion(String sdkVersion) {
        this.sdkVersion = sdkVersion;
        return this;
    }

    /** TCP connect plus CONNACK; default 10 s. */
    public ImClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** Wait for a SEND_ACK before sending again; default 10 s. */
    public ImClientBuilder sendAckTimeout(Duration timeout) {
        this.sendAckTimeout = timeout;
        return this;
    }

    /** Give up on a send this long after it was made; default 60 s. */
    public ImClientBuilder sendDeadline(Duration deadline) {
        this.sendDeadline = deadline;
        return this;
    }

    /** Wait for a COMMAND_RESULT (and a SYNC_RESULT); default 10 s. */
    public ImClientBuilder commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
        return this;
    }

    /** Reconnect backoff bounds; default 200 ms to 10 s. */
    public ImClientBuilder reconnectDelay(Duration initial, Duration max) {
        this.reconnectInitialDelay = initial;
        this.reconnectMaxDelay = max;
        return this;
    }

    /** Whether to reconnect after losing a connection that had succeeded; default true. */
    public ImClientBuilder autoReconnect(boolean autoReconnect) {
        this.autoReconnect = autoReconnect;
        return this;
    }

    /** The heartbeat when CONNACK gives none; default 30 s. */
    public ImClientBuilder defaultHeartbeatSeconds(int seconds) {
        this.defaultHeartbeatSeconds = seconds;
        return this;
    }

    /** ACK after this many processed messages, or at most {@code interval} after one; default 100 / 1 s. */
    public ImClientBuilder ackEvery(int messages, Duration interval) {
        this.ackEveryMessages = messages;
        this.ackInterval = interval;
        return this;
    }

    /** The SYNC page size; default 200. */
    public ImClientBuilder syncPageSize(int pageSize) {
        this.syncPageSize = pageSize;
        return this;
    }

    /** The largest frame accepted from the server; default 256 KiB. */
    public ImClientBuilder maxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        return this;
    }

    /**
     * Connects over TLS, for a server with {@code tls.cert-file} set: {@link ClientTls#systemTrust()}, or
     * {@link ClientTls#trusting} a PEM file. Default: null, plain TCP.
     */
    public ImClientBuilder tls(ClientTls tls) {
        this.tls = tls;
        return this;
    }

    /** Where the inbox cursor survives restarts; default {@link CursorStore#inMemory()}. */
    public ImClientBuilder cursorStore(CursorStore cursorStore) {
        this.cursorStore = cursorStore;
        return this;
    }

    /**
     * Keeps the user's messages on the device ({@link io.parley.client.store.LocalStores#mapDb}): the conversation
     * list, history and search work without a network, and the store is the cursor store too (messages and cursors
     * are saved in one commit), so do not set {@link #cursorStore} as well. The client writes to it on its callback
     * thread before the message listeners run; it does not close it ({@link ImClient#logout(boolean)} can wipe it).
     * The store must be the token's user's: a connect whose CONNACK names another user fails with
     * {@link ImClientException#STORE_OF_ANOTHER_USER}. Default: none.
     */
    public ImClientBuilder localStore(DeviceMessageStore localStore) {
        this.localStore = localStore;
        return this;
    }

    /**
     * Shares an NIO event loop group (e.g. across many clients in a load test): the client takes one loop
     * of it for all its connections, and does not shut it down. It must be able to run
     * {@code NioSocketChannel}s (a {@code MultiThreadIoEventLoopGroup} with {@code NioIoHandler}). By
     * default each client owns a one-thread group and shuts it down on close.
     */
    public ImClientBuilder eventLoopGroup(EventLoopGroup group) {
        this.eventLoopGroup = group;
        return this;
    }

    /**
     * Shares an executor for callbacks (e.g. a pool across many clients): this client's callbacks still run
     * one at a time and in order. The client does not shut it down. By default each client owns one
     * daemon thread.
     */
    public ImClientBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = executor;
        return this;
    }

    ClientOptions options() {
        if (host == null) {
            throw new IllegalStateException("address(host, port) is required");
        }
        if (token == null) {
            throw new IllegalStateException("token is required");
        }
        if (deviceId == null) {
            throw new IllegalStateException("deviceId is required");
        }
        return new ClientOptions(host, port, token, deviceId, platform, sdkVersion, connectTimeout, sendAckTimeout,
                sendDeadline, commandTimeout, reconnectInitialDelay, reconnectMaxDelay, autoReconnect,
                defaultHeartbeatSeconds, ackEveryMessages, ackInterval, syncPageSize, maxFrameBytes, tls);
    }

    /** Builds the client (no I/O yet: call {@link ImClient#connect()}). */
    public ImClient build() {
        if (localStore != null && cursorStore != null && cursorStore != localStore) {
            throw new IllegalStateException("a local store keeps the cursors: set localStore or cursorStore, not both");
        }
        return new ImClient(options(), localStore != null ? localStore : cursorStore, localStore, eventLoopGroup,
                callbackExecutor);
    }
}
