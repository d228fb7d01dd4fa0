package io.parley.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The lean protocol driver: raw Netty connections speaking Parley's protocol (TCP frames, or one binary
 * WebSocket message per frame), many per event loop, each bound to a source address 127.0.0.1…127.0.0.K in
 * turn so that more than one address's worth of ephemeral ports (about 28,000 each) can be opened.
 */
public final class LeanDriver implements LoadDriver {
    private final LoadOptions options;
    private final InetSocketAddress remote;
    private final LoadStats stats;
    private final EventLoopGroup group;
    private final String padding;
    private final String runId;
    private final boolean expectSeq;
    private final List<LeanConnection> opened = new ArrayList<>();
    private volatile AckListener ackListener = (connection, ok) -> { };

    /**
     * @param remote the server's TCP address, or its HTTP address for WebSocket
     * @param expectSeq whether a commit with seq 0 means a dropped message (chatrooms)
     */
    public LeanDriver(LoadOptions options, InetSocketAddress remote, LoadStats stats, String runId,
            boolean expectSeq) {
        this.options = options;
        this.remote = remote;
        this.stats = stats;
        this.runId = runId;
        this.expectSeq = expectSeq;
        this.padding = ContentStamp.padding(options.padBytes());
        this.group = new MultiThreadIoEventLoopGroup(options.clientThreads(),
                new DefaultThreadFactory("bench-io", true), NioIoHandler.newFactory());
    }

    String padding() {
        return padding;
    }

    String runId() {
        return runId;
    }

    String objectName() {
        return options.objectName();
    }

    boolean expectSeq() {
        return expectSeq;
    }

    void acked(LeanConnection connection, boolean ok) {
        ackListener.acked(connection, ok);
    }

    void writeFrame(Channel channel, ByteBuf frame) {
        Object message = options.transport() == Transport.WS ? new BinaryWebSocketFrame(frame) : frame;
        channel.writeAndFlush(message, channel.voidPromise());
    }

    @Override
    public void onAck(AckListener listener) {
        this.ackListener = listener;
    }

    @Override
    public List<BenchConnection> connect(List<BenchUser> users, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore inFlight = new Semaphore(options.connectConcurrency());
        AtomicReferenceArray<LeanConnection> done = new AtomicReferenceArray<>(users.size());
        int sources = options.effectiveSourceAddresses();
        int issued = 0;
        for (BenchUser user : users) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            LeanConnection connection = new LeanConnection(user, stats, this);
            int slot = issued++;
            ChannelFuture future = bootstrap(connection).connect(remote, sources <= 1 ? null
                    : new InetSocketAddress("127.0.0." + (1 + slot % sources), 0));
            future.addListener(f -> {
                if (!f.isSuccess()) {
                    stats.recordConnectFailure();
                    inFlight.release();
                }
            });
            connection.connected().whenComplete((c, error) -> {
                if (error == null) {
                    done.set(slot, c);
                    stats.recordConnected();
                } else if (future.isSuccess()) {
                    stats.recordConnectFailure();
                }
                if (future.isSuccess()) {
                    inFlight.release();
                }
            });
            synchronized (opened) {
                opened.add(connection);
            }
        }
        long left = deadline - System.nanoTime();
        int permits = options.connectConcurrency();
        if (left > 0 && inFlight.tryAcquire(permits, left, TimeUnit.NANOSECONDS)) {
            inFlight.release(permits);
        }
        List<BenchConnection> result = new ArrayList<>(issued);
        for (int i = 0; i < issued; i++) {
            if (done.get(i) != null) {
                result.add(done.get(i));
            }
        }
        return result;
    }

    private Bootstrap bootstrap(LeanConnection connection) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (options.transport() == Transport.WS) {
                            WebSocketBridge.install(ch, remote, connection);
                        } else {
                            ch.pipeline().addLast(connection);
                            ch.pipeline().addFirst(new io.netty.channel.ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                                    connection.start(ctx.channel());
                                    ctx.fireChannelActive();
                                    ctx.pipeline().remove(this);
                                }
                            });
                        }
                    }
                });
    }

    @Override
    public void close() {
        List<LeanConnection> all;
        synchronized (opened) {
            all = new ArrayList<>(opened);
        }
        all.forEach(LeanConnection::closeQuietly);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
