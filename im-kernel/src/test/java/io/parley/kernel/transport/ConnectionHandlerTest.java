package io.parley.kernel.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.FunctionCommand;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DisconnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.netty.FrameDecoder;
import io.parley.protocol.netty.FrameEncoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client connection's pipeline as {@link TcpTransport} builds it (frame decoder and encoder, then
 * {@link ProtocolPipeline}'s tail: heartbeat watch, slow-consumer guard, {@link ConnectionHandler}) on an
 * {@link EmbeddedChannel}, fed bytes and read back as a client reads them. The services are a real kernel's (memory
 * storage, real tokens and sessions), with two changes: a one-thread worker pool of the test's own, so that the test
 * knows when the work handed off (token checks, commands) is done, and a command of its own, {@code test.echo}.
 *
 * <p>Why the worker pool: the handler hands CONNECT checks (the token, then the inbox head) and commands to the pool
 * and comes back with {@code ctx.executor().execute}. The embedded loop's task queue is not thread-safe, and the
 * channel runs that queue itself after each write, so a worker must never queue a task while the test thread is in
 * the channel. The test
 * holds the pool's one thread while it writes ({@link #sendHeld}), lets it go once it is out of the channel, and
 * waits ({@link #settle}) for a task submitted behind the handler's work, which runs after that work and the
 * callbacks it completed, before it runs the loop's tasks.
 */
class ConnectionHandlerTest {
    private static ParleyServer server;

    private WorkerPool workers;
    private ConnectionHandlers handlers;
    private TransportContext transport;
    private SessionOpening opening;
    private EmbeddedChannel channel;
    private int nextRequestId = 1;

    @BeforeAll
    static void startKernel() {
        server = Parley.builder().isolated().config(Map.of("storage.provider", "memory", "http.port", "0",
                "tcp.port", "0", "bind.host", "127.0.0.1")).build().start();
    }

    @AfterAll
    static void stopKernel() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connection() {
        ConnectionHandlers real = server.kernelObject(ConnectionHandlers.class);
        workers = new WorkerPool(1, 16);
        ClientCommandRegistry commands = new ClientCommandRegistry(List.of(new FunctionCommand("test.echo",
                (caller, body) -> Map.of("user", caller.userId(), "device", caller.deviceId(), "said", body))));
        transport = real.transport();
        opening = real.opening();
        SessionRequests requests = new SessionRequests(real.requests().pipeline(), real.requests().sync(), commands,
                real.requests().metadata());
        handlers = new ConnectionHandlers(transport, opening, requests, workers);
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new FrameDecoder(transport.config().maxFrameBytes()),
                FrameEncoder.INSTANCE);
        ProtocolPipeline.addTail(channel.pipeline(), handlers);
    }

    @AfterEach
    void close() {
        settle();
        channel.finishAndReleaseAll();
        workers.close();
    }

    @Test
    void aConnectWithAValidTokenIsAnsweredThenCommandsAndPingsAre() {
        String token = opening.tokens().issue("alice");

        sendConnect(Frame.of(Command.CONNECT, 1, new ConnectBody(token, "phone-1", "iOS", 1, "test")));
        Frame connAck = answer();
        assertThat(connAck.command()).isEqualTo(Command.CONNACK);
        assertThat(connAck.requestId()).isEqualTo(1);
        ConnAckBody ack = connAck.body(ConnAckBody.class);
        assertThat(ack.code()).isZero();
        assertThat(ack.userId()).isEqualTo("alice");
        assertThat(ack.sessionId()).isNotBlank();
        assertThat(ack.maxFrameBytes()).isEqualTo(transport.config().maxFrameBytes());
        assertThat(server.sessions().isOnline("alice")).isTrue();

        sendHeld(Frame.of(Command.COMMAND, 2, new CommandBody("test.echo", Map.of("x", 1))));
        Frame result = answer();
        assertThat(result.command()).isEqualTo(Command.COMMAND_RESULT);
        assertThat(result.requestId()).isEqualTo(2);
        CommandResultBody body = result.body(CommandResultBody.class);
        assertThat(body.code()).isZero();
        assertThat(body.body()).containsEntry("user", "alice").containsEntry("device", "phone-1")
                .containsEntry("said", Map.of("x", 1));

        send(Frame.of(Command.PING, 3, EmptyBody.INSTANCE));
        Frame pong = answer();
        assertThat(pong.command()).isEqualTo(Command.PONG);
        assertThat(pong.requestId()).isEqualTo(3);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void anUnknownCommandIsAnsweredWithAnErrorCodeAndTheConnectionStays() {
        connectAs("bob");

        sendHeld(Frame.of(Command.COMMAND, 2, new CommandBody("no.such.command", Map.of())));
        Frame result = answer();

        assertThat(result.command()).isEqualTo(Command.COMMAND_RESULT);
        assertThat(result.body(CommandResultBody.class).code()).isNotZero();
        assertThat(result.body(CommandResultBody.class).message()).contains("no.such.command");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aBadTokenIsRefusedInTheConnAckAndTheConnectionClosed() {
        sendConnect(Frame.of(Command.CONNECT, 1, new ConnectBody("not-a-token", "phone-1", "iOS", 1, "test")));
        Frame connAck = answer();

        assertThat(connAck.command()).isEqualTo(Command.CONNACK);
        assertThat(connAck.body(ConnAckBody.class).code()).isEqualTo(StandardErrorCode.TOKEN_INVALID.code());
        assertThat(connAck.body(ConnAckBody.class).userId()).isNull();
        assertClosed();
    }

    @Test
    void aConnectWithoutADeviceIdIsRefused() {
        sendConnect(Frame.of(Command.CONNECT, 1, new ConnectBody(opening.tokens().issue("carol"), " ", "iOS", 1, "t")));

        assertThat(answer().body(ConnAckBody.class).code()).isEqualTo(StandardErrorCode.INVALID_PARAMETER.code());
        assertClosed();
        assertThat(server.sessions().isOnline("carol")).isFalse();
    }

    @Test
    void aFrameBeforeConnectIsAFatalErrorAndClosesTheConnection() {
        send(Frame.of(Command.PING, 9, EmptyBody.INSTANCE));

        assertFatal(answer(), StandardErrorCode.NOT_CONNECTED, 9);
        assertClosed();
    }

    @Test
    void aFrameSentBeforeTheConnAckIsAFatalErrorAndNoSessionIsOpened() {
        CountDownLatch hold = holdWorker();
        send(Frame.of(Command.CONNECT, 1, new ConnectBody(opening.tokens().issue("dave"), "d1", "iOS", 1, "t")));
        send(Frame.of(Command.PING, 2, EmptyBody.INSTANCE));
        hold.countDown();
        settle();

        assertFatal(answer(), StandardErrorCode.NOT_CONNECTED, 2);
        assertClosed();
        assertThat(channel.<Object>readOutbound()).as("no CONNACK after the refusal").isNull();
        assertThat(server.sessions().isOnline("dave")).isFalse();
    }

    @Test
    void aConnectionThatNeverSpeaksIsClosedAtTheConnectTimeout() {
        long timeoutMillis = transport.limits().connectTimeout().toMillis();

        channel.advanceTimeBy(timeoutMillis - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.isActive()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFatal(answer(), StandardErrorCode.CONNECT_TIMEOUT, 0);
        assertClosed();
    }

    @Test
    void aConnectionThatSendsHalfAFrameIsClosedAtTheConnectTimeout() {
        ByteBuf connect = encode(Frame.of(Command.CONNECT, 1, new ConnectBody("t", "d", "iOS", 1, "t")));
        channel.writeInbound(connect.readRetainedSlice(connect.readableBytes() / 2));
        connect.release();

        channel.advanceTimeBy(transport.limits().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertFatal(answer(), StandardErrorCode.CONNECT_TIMEOUT, 0);
        assertClosed();
    }

    @Test
    void aConnectedDeviceThatGoesSilentIsClosedAfterThreeHeartbeats() {
        connectAs("erin");
        long silenceSeconds = transport.config().heartbeat().toSeconds() * 3;

        channel.advanceTimeBy(silenceSeconds - 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFatal(answer(), StandardErrorCode.HEARTBEAT_TIMEOUT, 0);
        assertClosed();
        assertThat(server.sessions().isOnline("erin")).isFalse();
    }

    @Test
    void aSecondConnectIsAnErrorThatKeepsTheConnection() {
        connectAs("frank");

        send(Frame.of(Command.CONNECT, 5, new ConnectBody(opening.tokens().issue("frank"), "f1", "iOS", 1, "t")));
        Frame error = answer();

        assertThat(error.command()).isEqualTo(Command.ERROR);
        assertThat(error.requestId()).isEqualTo(5);
        assertThat(error.body(ErrorBody.class).code()).isEqualTo(StandardErrorCode.ALREADY_CONNECTED.code());
        assertThat(error.body(ErrorBody.class).fatal()).isFalse();
        send(Frame.of(Command.PING, 6, EmptyBody.INSTANCE));
        assertThat(answer().command()).isEqualTo(Command.PONG);
    }

    @Test
    void aFrameOnlyTheServerSendsIsAFatalError() {
        connectAs("gina");

        send(Frame.of(Command.PONG, 7, EmptyBody.INSTANCE));

        assertFatal(answer(), StandardErrorCode.UNKNOWN_COMMAND, 7);
        assertClosed();
    }

    @Test
    void aMalformedFrameIsAFatalError() {
        connectAs("hank");
        // a length field of 3: shorter than the 7 header bytes every frame has
        channel.writeInbound(Unpooled.buffer().writeInt(3).writeBytes(new byte[] {1, 2, 3}));

        assertFatal(answer(), StandardErrorCode.MALFORMED_FRAME, 0);
        assertClosed();
    }

    @Test
    void anOversizedFrameIsRefusedFromItsLengthFieldAlone() {
        connectAs("iris");
        // only the length field: the refusal does not wait for the body
        channel.writeInbound(Unpooled.buffer().writeInt(transport.config().maxFrameBytes() + 1));

        assertFatal(answer(), StandardErrorCode.FRAME_TOO_LARGE, 0);
        assertClosed();
    }

    @Test
    void aDisconnectClosesTheConnectionAndTheUserGoesOffline() {
        connectAs("jack");

        send(Frame.of(Command.DISCONNECT, 2, new DisconnectBody(true, "bye")));

        assertClosed();
        assertThat(server.sessions().isOnline("jack")).isFalse();
    }

    @Test
    void aConnectionClosedByTheClientTakesItsSessionAway() {
        connectAs("kate");
        assertThat(server.sessions().isOnline("kate")).isTrue();

        channel.close();
        channel.runPendingTasks();

        assertThat(server.sessions().isOnline("kate")).isFalse();
    }

    private void connectAs(String user) {
        sendConnect(Frame.of(Command.CONNECT, nextRequestId++, new ConnectBody(opening.tokens().issue(user),
                user + "-phone", "iOS", 1, "test")));
        assertThat(answer().body(ConnAckBody.class).code()).isZero();
    }

    private void send(Frame frame) {
        channel.writeInbound(encode(frame));
    }

    /** Sends a frame whose handling goes to the worker, and waits for that work and what it hands back. */
    private void sendHeld(Frame frame) {
        sendHeld(frame, 1);
    }

    /**
     * Sends a CONNECT, whose handling makes two trips to the worker and back: the token check, then (once the session
     * is registered) the inbox head read; a refused one makes one, and the second round finds nothing to do.
     */
    private void sendConnect(Frame frame) {
        sendHeld(frame, 2);
    }

    /**
     * Sends a frame whose handling makes {@code trips} trips to the worker and back, each handed on by a loop task,
     * and waits for all of them: the worker is held while the test thread is in the channel, every time.
     */
    private void sendHeld(Frame frame, int trips) {
        CountDownLatch hold = holdWorker();
        send(frame);
        for (int trip = 1; trip < trips; trip++) {
            hold.countDown();
            workers.submit(() -> null).join(); // this trip's work is done, and its loop task queued
            hold = holdWorker(); // the next trip's work waits behind this
            channel.runPendingTasks(); // the loop task hands the next trip to the worker
        }
        hold.countDown();
        settle();
    }

    /** Occupies the worker until the latch is counted down: work handed to it meanwhile waits behind. */
    private CountDownLatch holdWorker() {
        CountDownLatch hold = new CountDownLatch(1);
        workers.submit(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        return hold;
    }

    private static ByteBuf encode(Frame frame) {
        ByteBuf bytes = Unpooled.buffer();
        FrameCodec.encode(frame, bytes);
        return bytes;
    }

    /** Waits for the work handed to the worker, then runs on the loop what it handed back. */
    private void settle() {
        workers.submit(() -> null).join();
        channel.runPendingTasks();
    }

    /** The next frame the server wrote, decoded from the bytes as a client decodes them. */
    private Frame answer() {
        channel.runPendingTasks();
        ByteBuf bytes = channel.readOutbound();
        assertThat(bytes).as("a frame written to the client").isNotNull();
        try {
            return FrameCodec.decodeWhole(bytes, Integer.MAX_VALUE);
        } finally {
            bytes.release();
        }
    }

    private static void assertFatal(Frame frame, StandardErrorCode code, int requestId) {
        assertThat(frame.command()).isEqualTo(Command.ERROR);
        assertThat(frame.requestId()).isEqualTo(requestId);
        assertThat(frame.body(ErrorBody.class).code()).isEqualTo(code.code());
        assertThat(frame.body(ErrorBody.class).fatal()).isTrue();
    }

    private void assertClosed() {
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("the connection is closed").isFalse();
    }
}
