package io.parley.client;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.DisconnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.EventBody;
import io.parley.protocol.body.KickedBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine of one {@link ImClient}: connect, CONNACK, reconnect with backoff, frame
 * routing, pending sends and commands. Every field is confined to one Netty event loop, chosen once, on
 * which every connection of this client is registered; public entry points hop onto it.
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
    private final PendingSends sends;
    private final InboxSync inbox;
    private final ConversationSync conversations;
    private final PendingCommands commands;
    private final List<CompletableFuture<ConnectResult>> connectWaiters = new ArrayList<>();
    private final Backoff backoff;
    /** Spaces the rewrites of sends the server refused as busy: 100 ms, doubling to 5 s, with jitter. */
    private final Backoff busyBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    /** The rewrite of the sends refused as busy, while one is scheduled; loop only. */
    private ScheduledFuture<?> busyRetry;
    /** How long a closing client waits for the server to close after DISCONNECT before it closes itself. */
    static final long DISCONNECT_GRACE_MILLIS = 2000;
    private final AtomicInteger requestIds = new AtomicInteger();
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

    ClientCore(ClientOptions options, EventLoop loop, CallbackDispatcher callbacks) {
        this.options = options;
        this.loop = loop;
        this.callbacks = callbacks;
        this.sends = new PendingSends(callbacks);
        this.commands = new PendingCommands(callbacks);
        this.inbox = new InboxSync(options, loop, callbacks, this::write, this::nextRequestId);
        this.conversations = new ConversationSync(options, loop, callbacks, this::write, this::nextRequestId);
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
        return inbox.dispatchedCursor();
    }

    long dispatchedGroupCursor(String groupId) {
        return conversations.dispatchedCursor(ConversationSync.key(ConversationType.GROUP.code(), groupId));
    }

    EventLoop loop() {
        return loop;
    }

    int nextRequestId() {
        while (true) {
            int id = requestIds.incrementAndGet() & Integer.MAX_VALUE;
            if (id != 0) {
                return id;
            }
        }
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
        inbox.init(storedCursor);
        conversations.init(storedConversations);
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
            connectCursor = inbox.cursor();
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
            case SEND_ACK -> {
                SendAckBody ack = frame.body(SendAckBody.class);
                if (ack.code() == StandardErrorCode.SERVER_BUSY.code()) {
                    if (sends.busy(requestId, ack, System.nanoTime()) && busyRetry == null) {
                        busyRetry = loop.schedule(this::resendAfterBusy, busyBackoff.next().toNanos(),
                                TimeUnit.NANOSECONDS);
                    }
                } else {
                    if (ack.code() == 0) {
                        busyBackoff.reset();
                    }
                    if (!sends.acknowledge(requestId, ack)) {
                        log.debug("SEND_ACK for request {} that is no longer pending", requestId);
                    }
                }
            }
            case DELIVER -> {
                if (state == State.CONNECTED) {
                    WireMessage message = frame.body(DeliverBody.class).message();
                    if (message != null && ConversationSync.follows(message)) {
                        conversations.onDeliver(message);
                    } else {
                        inbox.onDeliver(message);
                    }
                }
            }
            case SYNC_RESULT -> {
                SyncResultBody page = frame.body(SyncResultBody.class);
                if (state == State.CONNECTED && !inbox.onSyncResult(requestId, page)
                        && !conversations.onSyncResult(requestId, page)) {
                    log.debug("SYNC_RESULT for request {} that is no longer pending", requestId);
                }
            }
            case KICKED -> {
                KickedBody kicked = frame.body(KickedBody.class);
                detach(ch);
                stop(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT, new ImClientException(
                        kicked.code() == 0 ? KICKED_CODE : kicked.code(),
                        kicked.reason() == null ? "kicked" : "kicked: " + kicked.reason()));
            }
            case ERROR -> onError(ch, requestId, frame.body(ErrorBody.class));
            case COMMAND_RESULT -> commands.complete(requestId, frame.body(CommandResultBody.class));
            case EVENT -> {
                EventBody event = frame.body(EventBody.class);
                callbacks.event(event.name(), event.body());
            }
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
        long now = System.nanoTime();
        cancelBusyRetry();
        for (PendingSends.PendingSend send : sends.inOrder()) {
            ch.write(send.frame());
            send.written(now);
        }
        ch.flush();
        inbox.onConnected();
        conversations.onConnected();
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
        boolean answered = requestId != 0 && (commands.fail(requestId, exception) || sends.fail(requestId, exception)
                || inbox.onSyncError(requestId) || conversations.onSyncError(requestId, error.code()));
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
        inbox.onDisconnected();
        conversations.onDisconnected();
        sends.connectionLost();
        commands.failAll(new ImClientException(ImClientException.NOT_CONNECTED, "the connection was lost"));
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
        sends.failAll(error);
        commands.failAll(error);
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
        Frame ack = wasConnected ? inbox.finalAck() : null;
        inbox.onDisconnected();
        conversations.onDisconnected();
        setStatus(ConnectionStatus.CLOSED);
        ImClientException error = new ImClientException(ImClientException.CLIENT_CLOSED, "the client was closed");
        for (CompletableFuture<ConnectResult> waiter : connectWaiters) {
            callbacks.fail(waiter, error);
        }
        connectWaiters.clear();
        sends.failAll(error);
        commands.failAll(error);
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
            default -> {
                long now = System.nanoTime();
                PendingSends.PendingSend send = sends.add(requestId, body, future,
                        now + options.sendDeadline().toNanos());
                // while the server says busy, a new send waits behind the refused ones
                if (busyRetry == null && state == State.CONNECTED && write(send.frame())) {
                    send.written(now);
                }
            }
        }
    }

    private void doCommand(String name, Map<String, Object> body, CompletableFuture<Map<String, Object>> future) {
        if (state != State.CONNECTED) {
            callbacks.fail(future, new ImClientException(state == State.CLOSED ? ImClientException.CLIENT_CLOSED
                    : ImClientException.NOT_CONNECTED, "not connected (status " + status + ")"));
            return;
        }
        int requestId = nextRequestId();
        commands.add(requestId, future, System.nanoTime() + options.commandTimeout().toNanos());
        write(Frame.of(Command.COMMAND, requestId, new CommandBody(name, body)));
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = loop.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        sends.expire(now);
        commands.expire(now, "no COMMAND_RESULT within " + options.commandTimeout());
        if (state != State.CONNECTED || channel == null) {
            return;
        }
        List<PendingSends.PendingSend> late = sends.unansweredSince(now - options.sendAckTimeout().toNanos());
        for (PendingSends.PendingSend send : late) {
            log.debug("no SEND_ACK for {} within {}; sending it again", send.body.clientMsgId(),
                    options.sendAckTimeout());
            channel.write(send.frame());
            send.written(now);
        }
        if (!late.isEmpty()) {
            channel.flush();
        }
        if (!inbox.tick(now) || !conversations.tick(now)) {
            log.warn("no SYNC_RESULT within {}; closing the connection", options.commandTimeout());
            channel.close();
        }
    }

    /**
     * After the busy backoff: writes every send waiting (those refused as busy, and those made meanwhile) in the
     * order they were made, so that a retry never overtakes an earlier send.
     */
    private void resendAfterBusy() {
        busyRetry = null;
        if (state != State.CONNECTED || channel == null) {
            return; // the next CONNACK writes them
        }
        long now = System.nanoTime();
        for (PendingSends.PendingSend send : sends.waiting()) {
            channel.write(send.frame());
            send.written(now);
        }
        channel.flush();
    }

    private void cancelBusyRetry() {
        if (busyRetry != null) {
            busyRetry.cancel(false);
            busyRetry = null;
        }
    }

    /** Writes on the current connection if it is up. */
    private boolean write(Frame frame) {
        if (state != State.CONNECTED || channel == null) {
            return false;
        }
        channel.writeAndFlush(frame);
        return true;
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
