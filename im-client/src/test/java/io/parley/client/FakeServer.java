package io.parley.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import io.parley.protocol.netty.FrameDecoder;
import io.parley.protocol.netty.FrameEncoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted peer speaking the protocol on 127.0.0.1, port 0: one user's inbox kept in memory, CONNECT,
 * SYNC by inbox cursor, SEND with de-duplication by clientMsgId and DELIVER to the sending connection, PING,
 * COMMAND (echo). Switches let a test refuse, stay silent, or drop connections. Records every frame it gets.
 */
final class FakeServer implements AutoCloseable {
    record Received(int connection, Frame frame) {
    }

    final String userId = "alice";
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    volatile int connAckCode;
    volatile int heartbeatSeconds = 30;
    volatile boolean ackSends = true;
    volatile int sendRefusalCode;
    /** Connections numbered up to this answer nothing at all (no PONG, no SYNC_RESULT, no SEND_ACK). */
    volatile int silentUpTo;
    volatile Channel current;

    private final List<WireMessage> inbox = new ArrayList<>();
    private final Map<String, SendAckBody> committed = new HashMap<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    FakeServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int connection = connections.incrementAndGet();
                        ch.pipeline().addLast(new FrameDecoder(FrameHeader.DEFAULT_MAX_FRAME_BYTES),
                                FrameEncoder.INSTANCE, new Handler(connection));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stores a message from {@code from} in the inbox; does not deliver it. */
    synchronized WireMessage append(String from, String text) {
        long seq = inbox.size() + 1;
        WireMessage m = new WireMessage(seq, 1, from, from, "RC:TxtMsg", "{\"content\":\"" + text + "\"}", null, null,
                "uid-" + seq, seq, System.currentTimeMillis(), null, true, true);
        inbox.add(m);
        return m;
    }

    /** Stores a plugin's notice in the inbox, as the server stores one from {@code plugin:<plugin>}; does not deliver it. */
    synchronized WireMessage appendNotice(String plugin, String name, String content) {
        long seq = inbox.size() + 1;
        WireMessage m = new WireMessage(seq, 1, "bob", "plugin:" + plugin, name, content, null, null, "uid-" + seq, seq,
                System.currentTimeMillis(), "notice-" + seq, false, false, true);
        inbox.add(m);
        return m;
    }

    /** Stores and DELIVERs to the current connection. */
    WireMessage appendAndDeliver(String from, String text) {
        WireMessage m = append(from, text);
        deliver(m);
        return m;
    }

    void deliver(WireMessage m) {
        write(Frame.of(Command.DELIVER, 0, new DeliverBody(m)));
    }

    void write(Frame frame) {
        Channel ch = current;
        if (ch != null) {
            ch.writeAndFlush(frame);
        }
    }

    void dropConnection() {
        Channel ch = current;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
    }

    synchronized int inboxSize() {
        return inbox.size();
    }

    List<Frame> frames(Command command) {
        return received.stream().map(Received::frame).filter(f -> f.command() == command).toList();
    }

    <T> List<T> bodies(Command command, Class<T> type) {
        return frames(command).stream().map(f -> f.body(type)).toList();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private synchronized SyncResultBody page(SyncBody sync) {
        if (sync.inboxAfter() == null) {
            // the groups step: this fake server's users are in no group
            return new SyncResultBody(List.of(), 0, List.of(), true, List.of(),
                    sync.headsAfter() == null ? null : List.of(), null);
        }
        long after = sync.inboxAfter();
        List<WireMessage> page = new ArrayList<>();
        for (WireMessage m : inbox) {
            if (m.inboxSeq() > after && page.size() < sync.limit()) {
                page.add(m);
            }
        }
        long cursor = page.isEmpty() ? Math.max(after, 0) : page.get(page.size() - 1).inboxSeq();
        return new SyncResultBody(page, cursor, null, cursor >= inbox.size());
    }

    /** Commits a send once per clientMsgId; returns the ack and, for a first commit, the stored message. */
    private synchronized Object[] commit(SendBody send) {
        SendAckBody previous = committed.get(send.clientMsgId());
        if (previous != null) {
            return new Object[] {previous, null};
        }
        long seq = inbox.size() + 1;
        WireMessage m = new WireMessage(seq, send.conversationType(), send.targetId(), userId, send.objectName(),
                send.content(), send.pushContent(), send.pushData(), "uid-" + seq, seq, System.currentTimeMillis(),
                send.clientMsgId(), true, true);
        inbox.add(m);
        SendAckBody ack = new SendAckBody(0, null, send.clientMsgId(), m.messageUid(), m.seq(), m.sentTime(), seq);
        committed.put(send.clientMsgId(), ack);
        return new Object[] {ack, m};
    }

    private final class Handler extends SimpleChannelInboundHandler<Frame> {
        private final int connection;

        Handler(int connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            received.add(new Received(connection, frame));
            if (connection <= silentUpTo) {
                return;
            }
            Channel ch = ctx.channel();
            int rid = frame.requestId();
            switch (frame.command()) {
                case CONNECT -> {
                    ConnectBody connect = frame.body(ConnectBody.class);
                    if (connAckCode != 0) {
                        ch.writeAndFlush(Frame.of(Command.CONNACK, rid, new ConnAckBody(connAckCode, "refused", null,
                                null, 0, 0, 0, 0))).addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                    current = ch;
                    ch.writeAndFlush(Frame.of(Command.CONNACK, rid, new ConnAckBody(0, null, userId,
                            "session-" + connection, System.currentTimeMillis(), inboxSize(), heartbeatSeconds,
                            FrameHeader.DEFAULT_MAX_FRAME_BYTES)));
                    assert connect.token() != null;
                }
                case PING -> ch.writeAndFlush(Frame.of(Command.PONG, rid, EmptyBody.INSTANCE));
                case SYNC -> ch.writeAndFlush(Frame.of(Command.SYNC_RESULT, rid, page(frame.body(SyncBody.class))));
                case SEND -> {
                    if (!ackSends) {
                        return;
                    }
                    SendBody send = frame.body(SendBody.class);
                    if (sendRefusalCode != 0) {
                        ch.writeAndFlush(Frame.of(Command.SEND_ACK, rid, new SendAckBody(sendRefusalCode, "refused",
                                send.clientMsgId(), null, 0, 0, 0)));
                        return;
                    }
                    Object[] result = commit(send);
                    ch.writeAndFlush(Frame.of(Command.SEND_ACK, rid, result[0]));
                    if (result[1] != null) {
                        ch.writeAndFlush(Frame.of(Command.DELIVER, 0, new DeliverBody((WireMessage) result[1])));
                    }
                }
                case COMMAND -> {
                    CommandBody command = frame.body(CommandBody.class);
                    if (command.name().equals("fail")) {
                        ch.writeAndFlush(Frame.of(Command.ERROR, rid, new ErrorBody(1002, "bad parameter", false)));
                    } else {
                        ch.writeAndFlush(Frame.of(Command.COMMAND_RESULT, rid, new CommandResultBody(0, null,
                                Map.of("name", command.name(), "echo", command.body()))));
                    }
                }
                default -> { }
            }
        }
    }
}
