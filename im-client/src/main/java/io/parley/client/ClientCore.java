package io.parley.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DisconnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.KickedBody;
import io.parley.protocol.body.SendBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine of one {@link ImClient}: connect, CONNACK, reconnect with backoff, refusals and
 * kicks, close with DISCONNECT. What travels over the connection once it is up (sends, commands, the inbox and
 * conversation syncs) is {@link ConnectionTraffic}'s; this class tells it when the connection comes and goes and
 * hands it the frames that are its. Every field is confined to one Netty event loop, chosen once, on which every
 * connection of this client is registered; public entry points hop onto it.
 */
final class ClientCore {
    private static final Logger log = LoggerFactory.getLogger(ClientCore.class);
    static final Set<Integer> TOKEN_CODES = Set.of(31004, 31020);
    static final Set<Integer> REFUSAL_CODES = Set.of(31001, 31002, 31009, 31029);
    static final int KICKED_CODE = 31010;

    private enum State { IDLE, CONNECTING, CONNECTED, WAITING_RETRY, STOPPED, CLOSED }

    private final ClientOptions options;
    private final EventLoop loop;
    private final CallbackDispatcher callbacks;
    private final Bootstrap bootstrap;
    private final ConnectionTraffic traffic;
    private final List<CompletableFuture<ConnectResult>> connectWaiters = new ArrayList<>();
    private final Backoff backoff;
    /** How long a closing client waits for the server to close after DISCONNECT before it closes itself. */
    static final long DISCONNECT_GRACE_MILLIS = 2000;
    private final long tickMillis;

    private State state = State.IDLE;
    private volatile ConnectionStatus status = ConnectionStatus.IDLE;
    private volatile ConnectResult lastConnect;
    private volatile int serverMaxFrameBytes = FrameHeader.DEFAULT_MAX_FRAME_BYTES;
    private Channel channel;
    private boolean retrying;
    private long connectCursor;
    private ScheduledFuture<?> attemptTimer;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> ticker;
    private final String storeUserId;

    ClientCore(ClientOptions options, EventLoop loop, CallbackDispatcher callbacks) {
        this(options, loop, callbacks, null);
    }

    /** {@code storeUserId}: the user the device's message store belongs to, or null (no store, or it does not say). */
    ClientCore(ClientOptions options, EventLoop loop, CallbackDispatcher callbacks, String storeUserId) {
        this.storeUserId = storeUserId;
        this.options = options;
        this.loop = loop;
        this.callbacks = callbacks;
        this.traffic = new ConnectionTraffic(options, loop, callbacks, this::connectedChannel);
        this.backoff = new Backoff(options.reconnectInitialDelay(), options.reconnectMaxDelay());
        long finest = Math.min(options.sendAckTimeout().toMillis(), options.ackInterval().toMillis()) / 2;
        this.tickMillis = Math.max(20, Math.min(500, finest));
        this.bootstrap = ClientTransport.tcp(options, loop, this);
    }

    // ---- entry points, any thread ----

    ConnectionStatus status() {
        return status;
    }

    ConnectResult lastConnect() {
        return lastConnect;
    }

    /** The largest frame the server accepts (from the last CONNACK). */
    int serverMaxFrameBytes() {
        return serverMaxFrameBytes;
    }

    long dispatchedCursor() {
        return traffic.dispatchedCursor();
    }

    long dispatchedGroupCursor(String groupId) {
        return traffic.dispatchedGroupCursor(groupId);
    }

    EventLoop loop() {
        return loop;
    }

    int nextRequestId() {
        return traffic.nextRequestId();
    }

    void connect(long storedCursor, Map<String, Long> storedConversations, CompletableFuture<ConnectResult> future) {
        onLoop(() -> doConnect(storedCursor, storedConversations, future), future);
    }

    void send(int requestId, SendBody body, CompletableFuture<SendResult> future) {
        onLoop(() -> doSend(requestId, body, future), future);
    }

    void command(String name, Map<String, Object> body, CompletableFuture<Map<String, Object>> future) {
        onLoop(() -> doCommand(name, body, future), future);
    }

    /** Sends DISCONNECT if connected and stops for good; the future completes once the socket is closed. */
    CompletableFuture<Void> close(boolean logout, String reason) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            loop.execute(() -> doClose(logout, reason, closed));
        } catch (RejectedExecutionException e) {
            closed.complete(null); // the event loop group is already shut down
        }
        return closed;
    }

    private void onLoop(Runnable task, CompletableFuture<?> future) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new ImClientException(ImClientException.CLIENT_CLOSED,
                    "the client's event loop is shut down"));
        }
    }

    // ---- on the loop ----

    private void doConnect(long storedCursor, Map<String, Long> storedConversations,
            CompletableFuture<ConnectResult> future) {
        traffic.init(storedCursor, storedConversations);
        switch (state) {
            case CLOSED -> callbacks.fail(future, new ImClientException(ImClientException.CLIENT_CLOSED,
                    "the client is closed"));
            case CONNECTED -> callbacks.complete(future, lastConnect);
            case CONNECTING, WAITING_RETRY -> connectWaiters.add(future);
            case IDLE, STOPPED -> {
                connectWaiters.add(future);
                retrying = false;
                backoff.reset();
                startTicker();
                startAttempt();
            }
        }
    }

    private void startAttempt() {
        state = State.CONNECTING;
        setStatus(ConnectionStatus.CONNECTING);
        ChannelFuture connecting = bootstrap.connect(options.host(), options.port());
        Channel ch = connecting.channel();
        channel = ch;
        attemptTimer = loop.schedule(() -> {
            if (channel == ch && state == State.CONNECTING) {
                attemptFailed(ch, new ImClientException(ImClientException.TIMEOUT,
                        "no CONNACK within " + options.connectTimeout()));
            }
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        connecting.addListener((ChannelFutureListener) f -> {
            if (channel != ch || state != State.CONNECTING) {
                ch.close();
                return;
            }
            if (!f.isSuccess()) {
                attemptFailed(ch, new ImClientException(ImClientException.NETWORK_ERROR,
                        "cannot connect to " + options.host() + ":" + options.port() + ": " + f.cause(), f.cause()));
                return;
            }
            connectCursor = traffic.inboxCursor();
            ch.writeAndFlush(Frame.of(Command.CONNECT, 0, new ConnectBody(options.token(), options.deviceId(),
                    options.platform(), connectCursor, options.sdkVersion())));
        });
    }

    void onFrame(Channel ch, Frame frame) {
        if (ch != channel) {
            return;
        }
        int requestId = frame.requestId();
        switch (frame.command()) {
            case CONNACK -> onConnAck(ch, frame.body(ConnAckBody.class));
            case PING -> ch.writeAndFlush(Frame.of(Command.PONG, requestId, EmptyBody.INSTANCE));
            case PONG -> { }
            case SEND_ACK, DELIVER, SYNC_RESULT, COMMAND_RESULT, EVENT ->
                    traffic.onFrame(frame, state == State.CONNECTED);
            case KICKED -> {
                KickedBody kicked = frame.body(KickedBody.class);
                detach(ch);
                stop(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, new ImClientException(
                        kicked.code() == 0 ? KICKED_CODE : kicked.code(),
                        kicked.reason() == null ? "kicked" : "kicked: " + kicked.reason()));
            }
            case ERROR -> onError(ch, requestId, frame.body(ErrorBody.class));
            case DISCONNECT -> ch.close();
            default -> log.debug("ignoring unexpected {} from the server", frame.command());
        }
    }

    private void onConnAck(Channel ch, ConnAckBody ack) {
        if (state != State.CONNECTING) {
            return;
        }
        cancel(attemptTimer);
        if (ack.code() != 0) {
            refused(ch, ack.code(), ack.message());
            return;
        }
        if (storeUserId != null && !storeUserId.equals(ack.userId())) {
            // the token is another user's: nothing of theirs may reach this store, nor this store's cursors the server
            detach(ch);
            stop(ConnectionStatus.CONNECT_REFUSED, new ImClientException(ImClientException.STORE_OF_ANOTHER_USER,
                    "the local store is " + storeUserId + "'s, the token " + ack.userId() + "'s"));
            return;
        }
        state = State.CONNECTED;
        retrying = true;
        backoff.reset();
        int heartbeat = ack.heartbeatSeconds() > 0 ? ack.heartbeatSeconds() : options.defaultHeartbeatSeconds();
        ch.pipeline().addBefore("handler", "idle", new IdleStateHandler(3 * heartbeat, heartbeat, 0,
                TimeUnit.SECONDS));
        ConnectResult result = new ConnectResult(ack.userId() == null ? "" : ack.userId(), ack.sessionId(),
                ack.serverTime(), ack.inboxHead(), heartbeat, connectCursor);
        lastConnect = result;
        if (ack.maxFrameBytes() > 0) {
            serverMaxFrameBytes = ack.maxFrameBytes();
        }
        setStatus(ConnectionStatus.CONNECTED);
        for (CompletableFuture<ConnectResult> waiter : connectWaiters) {
            callbacks.complete(waiter, result);
        }
        connectWaiters.clear();
        traffic.onConnected(ch);
    }

    /** A non-zero CONNACK code, or an ERROR before CONNACK. */
    private void refused(Channel ch, int code, String message) {
        ImClientException error = new ImClientException(code, message == null ? "connection refused" : message);
        if (TOKEN_CODES.contains(code)) {
            detach(ch);
            stop(ConnectionStatus.TOKEN_INCORRECT, error);
        } else if (REFUSAL_CODES.contains(code)) {
            detach(ch);
            stop(ConnectionStatus.CONNECT_REFUSED, error);
        } else if (code == KICKED_CODE) {
            detach(ch);
            stop(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, error);
        } else {
            attemptFailed(ch, error);
        }
    }

    private void onError(Channel ch, int requestId, ErrorBody error) {
        ImClientException exception = new ImClientException(error.code(),
                error.message() == null ? "error " + error.code() : error.message());
        if (state == State.CONNECTING) {
            refused(ch, error.code(), error.message());
            return;
        }
        boolean answered = traffic.onError(requestId, error.code(), exception);
        if (!answered) {
            log.warn("server error {} (request {}, fatal {}): {}", error.code(), requestId, error.fatal(),
                    error.message());
        }
        if (error.fatal()) {
            ch.close(); // the server closes too; reconnect rules apply
        }
    }

    void onChannelClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        if (state == State.CONNECTING) {
            attemptFailed(ch, new ImClientException(ImClientException.NETWORK_ERROR,
                    "connection closed before CONNACK"));
        } else if (state == State.CONNECTED) {
            detach(ch);
            if (options.autoReconnect()) {
                log.info("connection to {}:{} lost; reconnecting", options.host(), options.port());
                retrying = true;
                setStatus(ConnectionStatus.DISCONNECTED);
                scheduleReconnect();
            } else {
                stop(ConnectionStatus.DISCONNECTED, new ImClientException(ImClientException.NETWORK_ERROR,
                        "connection lost"));
            }
        }
    }

    private void attemptFailed(Channel ch, ImClientException error) {
        detach(ch);
        if (retrying && options.autoReconnect()) {
            log.debug("reconnect attempt failed: {}", error.getMessage());
            setStatus(ConnectionStatus.DISCONNECTED);
            scheduleReconnect();
        } else {
            stop(ConnectionStatus.DISCONNECTED, error);
        }
    }

    private void scheduleReconnect() {
        state = State.WAITING_RETRY;
        long delayNanos = backoff.next().toNanos();
        reconnectTimer = loop.schedule(() -> {
            if (state == State.WAITING_RETRY) {
                startAttempt();
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Forgets the connection: everything bound to it fails or waits for the next one. */
    private void detach(Channel ch) {
        if (channel == ch) {
            channel = null;
        }
        cancel(attemptTimer);
        traffic.connectionLost();
        ch.close();
    }

    /** No more automatic attempts: everything waiting fails with {@code error}. */
    private void stop(ConnectionStatus newStatus, ImClientException error) {
        state = State.STOPPED;
        cancel(reconnectTimer);
        cancel(ticker);
        ticker = null;
        setStatus(newStatus);
        for (CompletableFuture<ConnectResult> waiter : connectWaiters) {
            callbacks.fail(waiter, error);
        }
        connectWaiters.clear();
        traffic.failAll(error);
    }

    private void doClose(boolean logout, String reason, CompletableFuture<Void> closed) {
        if (state == State.CLOSED) {
            closed.complete(null);
            return;
        }
        boolean wasConnected = state == State.CONNECTED;
        Channel ch = channel;
        channel = null;
        state = State.CLOSED;
        cancel(attemptTimer);
        cancel(reconnectTimer);
        cancel(ticker);
        Frame ack = wasConnected ? traffic.finalAck() : null;
        traffic.stopSyncs();
        setStatus(ConnectionStatus.CLOSED);
        ImClientException error = new ImClientException(ImClientException.CLIENT_CLOSED, "the client was closed");
        for (CompletableFuture<ConnectResult> waiter : connectWaiters) {
            callbacks.fail(waiter, error);
        }
        connectWaiters.clear();
        traffic.failAll(error);
        if (ch == null) {
            closed.complete(null);
            return;
        }
        ch.closeFuture().addListener(f -> closed.complete(null));
        if (wasConnected && ch.isActive()) {
            if (ack != null) {
                ch.write(ack);
            }
            // The server closes a connection once it has read DISCONNECT. Closing first would make the socket
            // reset if an answer had just arrived unread, and a reset can lose the DISCONNECT (a logout would be
            // taken for going offline): wait for the server's close, and close after a while if it does not come.
            ch.writeAndFlush(Frame.of(Command.DISCONNECT, 0, new DisconnectBody(logout, reason)));
            ScheduledFuture<?> force = loop.schedule(() -> {
                ch.close();
            }, DISCONNECT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            ch.closeFuture().addListener(f -> force.cancel(false));
        } else {
            ch.close();
        }
    }

    private void doSend(int requestId, SendBody body, CompletableFuture<SendResult> future) {
        switch (state) {
            case CLOSED -> callbacks.fail(future, new ImClientException(ImClientException.CLIENT_CLOSED,
                    "the client is closed"));
            case IDLE, STOPPED -> callbacks.fail(future, new ImClientException(ImClientException.NOT_CONNECTED,
                    "not connected (status " + status + ")"));
            default -> traffic.send(requestId, body, future);
        }
    }

    private void doCommand(String name, Map<String, Object> body, CompletableFuture<Map<String, Object>> future) {
        if (state != State.CONNECTED) {
            callbacks.fail(future, new ImClientException(state == State.CLOSED ? ImClientException.CLIENT_CLOSED
                    : ImClientException.NOT_CONNECTED, "not connected (status " + status + ")"));
            return;
        }
        traffic.command(name, body, future);
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = loop.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        traffic.tick(System.nanoTime());
    }

    /** The connection while it is up (after CONNACK), else null. */
    private Channel connectedChannel() {
        return state == State.CONNECTED ? channel : null;
    }

    private void setStatus(ConnectionStatus newStatus) {
        if (status != newStatus) {
            status = newStatus;
            callbacks.status(newStatus);
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
