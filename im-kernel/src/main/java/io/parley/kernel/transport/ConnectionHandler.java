package io.parley.kernel.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.parley.api.error.ErrorCode;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.event.PresenceChanged;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.Platform;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.route.ClientCommand;
import io.parley.kernel.auth.TokenService.TokenClaims;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.message.CommitResult;
import io.parley.kernel.session.Session;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DisconnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one client connection, on any transport. The first frame must be CONNECT, within
 * {@code protocol.connect-timeout}; after CONNACK it serves PING, SEND, SYNC, ACK, COMMAND and DISCONNECT, SYNC and
 * COMMAND paced to what the connection reads ({@link RequestPacer}). A protocol violation gets a fatal ERROR and the
 * connection is closed; no other connection is affected. Runs on the channel's event loop; anything that may block
 * goes to the worker pool or the conversation's stripe.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private enum State { AWAITING_CONNECT, AUTHENTICATING, CONNECTED }

    private final TransportContext transport;
    private final SessionOpening opening;
    private final SessionRequests requests;
    private final WorkerPool workers;
    private final RequestPacer pacer;
    private ScheduledFuture<?> connectDeadline;
    private State state = State.AWAITING_CONNECT;
    private Session session;
    private boolean logout;
    private boolean closing;
    private boolean counted;
    private String clientIp = "";

    public ConnectionHandler(TransportContext transport, SessionOpening opening, SessionRequests requests,
            WorkerPool workers) {
        this.transport = transport;
        this.opening = opening;
        this.requests = requests;
        this.workers = workers;
        this.pacer = new RequestPacer(transport.limits().maxPendingRequests());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // On a WebSocket the handler is added after the upgrade, when the channel is already active.
        if (ctx.channel().isActive()) {
            opened(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        opened(ctx);
        ctx.fireChannelActive();
    }

    private void opened(ChannelHandlerContext ctx) {
        if (counted) {
            return;
        }
        counted = true;
        transport.metrics().connectionOpened();
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress address) {
            clientIp = address.getAddress().getHostAddress() + ":" + address.getPort();
        }
        long timeoutMillis = transport.limits().connectTimeout().toMillis();
        connectDeadline = ctx.executor().schedule(() -> {
            if (state != State.CONNECTED) {
                fatal(ctx, 0, StandardErrorCode.CONNECT_TIMEOUT,
                        "no CONNECT answered within " + timeoutMillis + " ms (protocol.connect-timeout)");
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connectDeadline != null) {
            connectDeadline.cancel(false);
        }
        if (counted) {
            transport.metrics().connectionClosed();
        }
        // a device that left before its CONNACK was never told ONLINE, so it is not told OFFLINE either
        if (session != null && opening.sessions().unregister(session) && state == State.CONNECTED) {
            publishPresence(logout ? PresenceChanged.Status.LOGOUT : PresenceChanged.Status.OFFLINE);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            return;
        }
        transport.metrics().frameIn(frame.command());
        switch (state) {
            case AWAITING_CONNECT -> {
                if (frame.command() != Command.CONNECT) {
                    fatal(ctx, frame.requestId(), StandardErrorCode.NOT_CONNECTED,
                            "the first frame must be CONNECT, not " + frame.command());
                    return;
                }
                state = State.AUTHENTICATING;
                authenticate(ctx, frame);
            }
            case AUTHENTICATING -> fatal(ctx, frame.requestId(), StandardErrorCode.NOT_CONNECTED,
                    "wait for CONNACK before sending " + frame.command());
            case CONNECTED -> serve(ctx, frame);
        }
    }

    private void authenticate(ChannelHandlerContext ctx, Frame frame) {
        ConnectBody connect = frame.body(ConnectBody.class);
        Platform platform = Platform.parse(connect.platform()).orElse(Platform.OTHER);
        workers.submit(() -> {
            TokenClaims claims = opening.tokens().verify(connect.token());
            for (ConnectionGuard guard : opening.connectionGuards()) {
                guard.checkConnect(claims.userId(), connect.deviceId(), platform, clientIp);
            }
            return claims;
        }).whenComplete((claims, failure) ->
                ctx.executor().execute(() -> {
                    if (failure != null) {
                        refuse(ctx, frame.requestId(), unwrap(failure));
                    } else {
                        accept(ctx, frame.requestId(), connect, claims);
                    }
                }));
    }

    private void accept(ChannelHandlerContext ctx, int requestId, ConnectBody connect, TokenClaims claims) {
        if (!ctx.channel().isActive() || closing) {
            return;
        }
        if (connect.deviceId() == null || connect.deviceId().isBlank() || connect.deviceId().length() > 64) {
            refuse(ctx, requestId, ImException.invalidParameter("deviceId must be 1 to 64 characters"));
            return;
        }
        Platform platform = Platform.parse(connect.platform()).orElse(Platform.OTHER);
        long now = opening.clock().millis();
        session = new Session(claims.userId(), connect.deviceId(), platform,
                newSessionId(), clientIp, claims.issuedAtMillis(), now, ctx.channel(),
                opening.sessions().outboxOf(ctx.channel().eventLoop()), transport.metrics());
        // Register, then read the inbox head off the event loop (a storage read, which may block), then write
        // CONNACK: every message committed before registration is at or below the head the device is told, and
        // the DELIVERs sent to the session meanwhile wait in the gate, so the device never sees one before CONNACK.
        ctx.pipeline().addBefore(ctx.name(), ConnAckGate.NAME, new ConnAckGate());
        opening.sessions().register(session);
        String userId = claims.userId();
        workers.submit(() -> opening.messages().inboxHead(userId)).whenComplete((inboxHead, failure) ->
                ctx.executor().execute(() -> connected(ctx, requestId, inboxHead, failure)));
    }

    private void connected(ChannelHandlerContext ctx, int requestId, Long inboxHead, Throwable failure) {
        if (!ctx.channel().isActive() || closing) {
            return;
        }
        if (failure != null) {
            refuse(ctx, requestId, unwrap(failure));
            return;
        }
        state = State.CONNECTED;
        connectDeadline.cancel(false);
        session.send(Frame.of(Command.CONNACK, requestId, new ConnAckBody(0, "connected", session.userId(),
                session.sessionId(), session.connectedAtMillis(), inboxHead,
                (int) transport.config().heartbeat().toSeconds(), transport.config().maxFrameBytes())));
        publishPresence(PresenceChanged.Status.ONLINE);
    }

    private void refuse(ChannelHandlerContext ctx, int requestId, ImException error) {
        write(ctx, Frame.of(Command.CONNACK, requestId,
                new ConnAckBody(error.code(), error.getMessage(), null, null, opening.clock().millis(), 0, 0, 0)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void serve(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.command()) {
            case PING -> session.send(Frame.of(Command.PONG, frame.requestId(), EmptyBody.INSTANCE));
            case SEND -> send(frame);
            case SYNC -> sync(ctx, frame);
            case ACK -> ack(frame.body(AckBody.class));
            case COMMAND -> command(ctx, frame);
            case DISCONNECT -> {
                logout = frame.body(DisconnectBody.class).logout();
                ctx.close();
            }
            case CONNECT -> error(frame.requestId(), StandardErrorCode.ALREADY_CONNECTED, "already connected");
            default -> fatal(ctx, frame.requestId(), StandardErrorCode.UNKNOWN_COMMAND,
                    frame.command() + " is sent by the server, never by a client");
        }
    }

    private void send(Frame frame) {
        SendBody body = frame.body(SendBody.class);
        OutgoingMessage message;
        try {
            message = toOutgoing(body);
        } catch (ImException e) {
            sendAckError(frame.requestId(), body.clientMsgId(), e);
            return;
        }
        requests.pipeline().send(message, clientIp).whenComplete((commit, failure) -> {
            if (failure != null) {
                sendAckError(frame.requestId(), body.clientMsgId(), unwrap(failure));
            } else {
                session.send(Frame.of(Command.SEND_ACK, frame.requestId(), ack(commit)));
            }
        });
    }

    private SendAckBody ack(CommitResult commit) {
        return new SendAckBody(0, null, commit.message().clientMsgId(), commit.message().messageUid(),
                commit.message().seq(), commit.message().sentTime(),
                commit.inboxSeqs().getOrDefault(session.userId(), 0L));
    }

    private void sendAckError(int requestId, String clientMsgId, ImException error) {
        session.send(Frame.of(Command.SEND_ACK, requestId,
                new SendAckBody(error.code(), error.getMessage(), clientMsgId, null, 0, 0, 0)));
    }

    private OutgoingMessage toOutgoing(SendBody body) {
        ConversationType type = ConversationType.ofCode(body.conversationType());
        if (body.clientMsgId() == null || body.targetId() == null || body.objectName() == null
                || body.content() == null) {
            throw new ImException(StandardErrorCode.INVALID_MESSAGE,
                    "SEND needs clientMsgId, targetId, objectName and content");
        }
        return new OutgoingMessage(type, session.userId(), body.targetId(), body.objectName(), body.content(),
                Optional.ofNullable(body.pushContent()), Optional.ofNullable(body.pushData()),
                body.persisted() == null || body.persisted(), body.counted() == null || body.counted(), true,
                body.clientMsgId(), Optional.of(session.platform()))
                .withDisablePush(Boolean.TRUE.equals(body.disablePush()));
    }

    private void sync(ChannelHandlerContext ctx, Frame frame) {
        SyncBody body = frame.body(SyncBody.class);
        paced(ctx, () -> workers.submit(() -> requests.sync().sync(session.userId(), body)),
                (page, failure) -> {
                    if (failure != null) {
                        ImException error = unwrap(failure);
                        error(frame.requestId(), error.errorCode(), error.getMessage());
                    } else {
                        session.send(Frame.of(Command.SYNC_RESULT, frame.requestId(), page));
                    }
                }, () -> error(frame.requestId(), StandardErrorCode.SERVER_BUSY, tooManyPending()));
    }

    private void ack(AckBody body) {
        String key = session.userId() + "/" + session.deviceId();
        workers.submit(() -> {
            requests.metadata().put("kernel.device-cursors", key, Long.toString(body.inboxCursor()));
            return null;
        });
    }

    private void command(ChannelHandlerContext ctx, Frame frame) {
        CommandBody body = frame.body(CommandBody.class);
        ClientCommand.Caller caller = new ClientCommand.Caller(session.userId(), session.deviceId(),
                session.sessionId(), session.platform());
        paced(ctx, () -> workers.submit(() -> requests.commands().get(body.name())
                .handle(caller, body.body() == null ? Map.of() : body.body())), (result, failure) -> {
                    CommandResultBody answer = failure == null
                            ? new CommandResultBody(0, null, result == null ? Map.of() : result)
                            : new CommandResultBody(unwrap(failure).code(), unwrap(failure).getMessage(), Map.of());
                    session.send(Frame.of(Command.COMMAND_RESULT, frame.requestId(), answer));
                }, () -> session.send(Frame.of(Command.COMMAND_RESULT, frame.requestId(),
                        new CommandResultBody(StandardErrorCode.SERVER_BUSY.code(), tooManyPending(), Map.of()))));
    }

    /**
     * Runs a request whose answer may be large through the {@link RequestPacer}: {@code work} starts when the pacer
     * lets it, {@code answer} writes its outcome on the event loop (so that the buffer it fills is seen before the
     * next starts), and {@code refuse} answers at once when too many requests already wait.
     */
    private <T> void paced(ChannelHandlerContext ctx, Supplier<CompletionStage<T>> work, BiConsumer<T, Throwable> answer,
            Runnable refuse) {
        boolean queued = pacer.offer(() -> work.get().whenComplete((result, failure) -> ctx.executor().execute(() -> {
            answer.accept(result, failure);
            pacer.done();
            pacer.pump(ctx.channel().isWritable());
        })));
        if (!queued) {
            refuse.run();
            return;
        }
        pacer.pump(ctx.channel().isWritable());
    }

    private String tooManyPending() {
        return "more than " + transport.limits().maxPendingRequests()
                + " SYNC and COMMAND requests wait for their answers (protocol.max-pending-requests)";
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pacer.pump(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            fatal(ctx, 0, StandardErrorCode.HEARTBEAT_TIMEOUT, "no frame within the heartbeat timeout");
            return;
        }
        if (event == SlowConsumerGuard.SLOW_CONSUMER) {
            // best effort: the guard closes the connection right after, written or not
            closing = true;
            write(ctx, Frame.of(Command.ERROR, 0, new ErrorBody(StandardErrorCode.SLOW_CONSUMER.code(),
                    "the connection did not read what was written to it (protocol.slow-consumer-timeout)", true)));
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolException protocolError) {
            fatal(ctx, 0, protocolError.errorCode(), protocolError.getMessage());
        } else if (root instanceof IOException) {
            log.debug("connection {} failed: {}", clientIp, root.toString());
            ctx.close();
        } else {
            log.warn("unexpected error on connection {}", clientIp, cause);
            fatal(ctx, 0, StandardErrorCode.INTERNAL_ERROR, "internal error");
        }
    }

    private void fatal(ChannelHandlerContext ctx, int requestId, ErrorCode code, String message) {
        if (closing) {
            return;
        }
        closing = true;
        transport.metrics().protocolError();
        if (ctx.channel().isActive()) {
            write(ctx, Frame.of(Command.ERROR, requestId, new ErrorBody(code.code(), message, true)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** An error answer to one request; the connection stays open (fatal ones go through {@link #fatal}). */
    private void error(int requestId, ErrorCode code, String message) {
        session.send(Frame.of(Command.ERROR, requestId, new ErrorBody(code.code(), message, false)));
    }

    private io.netty.channel.ChannelFuture write(ChannelHandlerContext ctx, Frame frame) {
        transport.metrics().frameOut(frame.command());
        return ctx.channel().writeAndFlush(frame);
    }

    private void publishPresence(PresenceChanged.Status status) {
        if (opening.events().hasListeners()) {
            opening.events().publish(new PresenceChanged(session.userId(), session.deviceId(), status,
                    session.platform(), session.clientIp(), session.sessionId(), opening.clock().millis()));
        }
    }

    static ImException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ImException imException) {
            return imException;
        }
        log.warn("internal error", cause);
        return new ImException(StandardErrorCode.INTERNAL_ERROR, "internal error");
    }

    /**
     * The id of a new connection, for logs and for acting on one device: 128 random bits as 32 hex digits, unique
     * but not a secret (nothing is granted by knowing it). From {@code ThreadLocalRandom}: {@code UUID.randomUUID}
     * reads the operating system's random device, which is I/O on the event loop.
     */
    private static String newSessionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }
}
