package io.parley.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One lean-driver connection: the last handler of its pipeline, reading frames straight from the byte stream.
 * SEND_ACK and DELIVER, the frames that come by the thousand, are read without decoding their bodies
 * ({@link CborScanner}, {@link ContentStamp}); CONNACK, ERROR and COMMAND_RESULT are decoded normally. All
 * state but the futures is touched on the channel's event loop only.
 */
final class LeanConnection extends ByteToMessageDecoder implements BenchConnection {
    private final BenchUser user;
    private final LoadStats stats;
    private final LeanDriver driver;
    private final CompletableFuture<LeanConnection> connected = new CompletableFuture<>();
    private final IntObjectHashMap<long[]> pendingSends = new IntObjectHashMap<>();
    private final IntObjectHashMap<CompletableFuture<Map<String, Object>>> pendingCommands = new IntObjectHashMap<>();
    private volatile Channel channel;
    private int nextRequestId;
    private long sendCounter;
    private ScheduledFuture<?> heartbeat;
    private boolean closedByUs;

    LeanConnection(BenchUser user, LoadStats stats, LeanDriver driver) {
        this.user = user;
        this.stats = stats;
        this.driver = driver;
    }

    CompletableFuture<LeanConnection> connected() {
        return connected;
    }

    /** Sends CONNECT: on channel activity for TCP, after the handshake for WebSocket. */
    void start(Channel ch) {
        this.channel = ch;
        write(Frame.of(Command.CONNECT, ++nextRequestId,
                new ConnectBody(user.token(), "bench-" + user.index(), "PC", 0, "parley-bench")));
    }

    @Override
    public int index() {
        return user.index();
    }

    @Override
    public String userId() {
        return user.userId();
    }

    @Override
    public boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive() && connected.isDone() && !connected.isCompletedExceptionally();
    }

    @Override
    public void send(int conversationType, String targetId, long stampNanos) {
        Channel ch = channel;
        if (ch.eventLoop().inEventLoop()) {
            doSend(conversationType, targetId, stampNanos);
        } else {
            ch.eventLoop().execute(() -> doSend(conversationType, targetId, stampNanos));
        }
    }

    private void doSend(int conversationType, String targetId, long stampNanos) {
        Channel ch = channel;
        if (!ch.isActive()) {
            return;
        }
        int requestId = ++nextRequestId;
        String content = ContentStamp.content(stampNanos, user.index(), driver.padding());
        ByteBuf out = ch.alloc().ioBuffer(96 + content.length() + targetId.length());
        LeanCodec.writeSend(out, requestId, driver.runId() + "-" + (++sendCounter), conversationType, targetId,
                driver.objectName(), content);
        pendingSends.put(requestId, new long[] {stampNanos});
        stats.recordSent();
        driver.writeFrame(ch, out);
    }

    @Override
    public CompletableFuture<Map<String, Object>> command(String name, Map<String, Object> body) {
        CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            int requestId = ++nextRequestId;
            pendingCommands.put(requestId, future);
            write(Frame.of(Command.COMMAND, requestId, new CommandBody(name, body)));
        });
        return future;
    }

    private void write(Frame frame) {
        ByteBuf out = channel.alloc().ioBuffer(128);
        FrameCodec.encode(frame, out);
        driver.writeFrame(channel, out);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= FrameHeader.LENGTH_FIELD_BYTES) {
            int length = in.getInt(in.readerIndex());
            if (in.readableBytes() < FrameHeader.LENGTH_FIELD_BYTES + length) {
                return;
            }
            int start = in.readerIndex() + FrameHeader.LENGTH_FIELD_BYTES;
            int type = in.getUnsignedByte(start + 1);
            int requestId = in.getInt(start + 3);
            int bodyStart = start + FrameHeader.HEADER_REST_BYTES;
            int end = start + length;
            if (type == Command.DELIVER.code()) {
                stats.recordDeliver(user.index(), ContentStamp.find(in, bodyStart, end));
            } else if (type == Command.SEND_ACK.code()) {
                sendAcked(in, requestId, bodyStart, end);
            } else if (type != Command.PONG.code() && type != Command.EVENT.code()) {
                in.skipBytes(FrameHeader.LENGTH_FIELD_BYTES);
                handle(ctx, FrameCodec.decodeAfterLength(in.slice(in.readerIndex(), length), length));
            }
            in.readerIndex(end);
        }
    }

    private void sendAcked(ByteBuf in, int requestId, int bodyStart, int end) {
        long[] pending = pendingSends.remove(requestId);
        if (pending == null) {
            return;
        }
        int code = bodyStart < end ? (int) CborScanner.findLong(in, bodyStart, "code", 0) : 0;
        boolean dropped = code == 0 && driver.expectSeq()
                && CborScanner.findLong(in, bodyStart, "seq", 0) == 0;
        stats.recordAck(pending[0], code, dropped, user.index());
        driver.acked(this, code == 0);
    }

    private void handle(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.command()) {
            case CONNACK -> {
                ConnAckBody ack = frame.body(ConnAckBody.class);
                if (ack.code() == 0) {
                    int seconds = Math.max(1, ack.heartbeatSeconds());
                    heartbeat = ctx.channel().eventLoop().scheduleAtFixedRate(
                            () -> write(Frame.of(Command.PING, 0, EmptyBody.INSTANCE)),
                            seconds * 700L, seconds * 700L, TimeUnit.MILLISECONDS);
                    connected.complete(this);
                } else {
                    connected.completeExceptionally(new IllegalStateException(
                            "CONNACK " + ack.code() + ": " + ack.message()));
                }
            }
            case COMMAND_RESULT -> {
                CommandResultBody result = frame.body(CommandResultBody.class);
                CompletableFuture<Map<String, Object>> future = pendingCommands.remove(frame.requestId());
                if (future != null) {
                    if (result.code() == 0) {
                        future.complete(result.body() == null ? Map.of() : result.body());
                    } else {
                        future.completeExceptionally(new IllegalStateException(
                                "command failed with " + result.code() + ": " + result.message()));
                    }
                }
            }
            case ERROR -> stats.recordErrorFrame(frame.body(ErrorBody.class).code());
            case KICKED -> stats.recordErrorFrame(31010);
            default -> {
                // SYNC_RESULT and others: not used by the lean driver
            }
        }
    }

    /** Closes without counting a disconnect. */
    void closeQuietly() {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(() -> {
                closedByUs = true;
                ch.close();
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (!closedByUs && connected.isDone() && !connected.isCompletedExceptionally()) {
            stats.recordDisconnect();
        }
        connected.completeExceptionally(new IllegalStateException("connection closed before CONNACK"));
        pendingCommands.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }
}
