package io.parley.bench.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.netty.FrameDecoder;
import io.parley.protocol.netty.FrameEncoder;
import java.net.InetSocketAddress;

/**
 * The baseline of every load run: a bare Netty server that speaks Parley's framing (the same
 * {@link FrameDecoder} and {@link FrameEncoder}, so the same CBOR decode and encode per frame) and relays SEND
 * to the recipient's connection, with no auth, no storage, no ordering work and no plugins. What Parley does
 * beyond this is what a load run's ratio measures.
 */
public final class RelayServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final RelayState state = new RelayState();
    private final Channel serverChannel;
    private final Channel wsChannel;

    /**
     * Binds {@code host:port} (port 0 for any) for TCP and, when {@code wsPort} is not -1, {@code host:wsPort}
     * for WebSocket at {@code /websocket}, with {@code ioThreads} event loops (0: Netty's default).
     */
    public RelayServer(String host, int port, int wsPort, int ioThreads) throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("relay-boss", true),
                NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("relay-io", true),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(FrameHeader.DEFAULT_MAX_FRAME_BYTES))
                                .addLast(FrameEncoder.INSTANCE)
                                .addLast(new RelayHandler(state));
                    }
                });
        serverChannel = bootstrap.bind(host, port).sync().channel();
        wsChannel = wsPort < 0 ? null : bootstrap.clone().childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketServerProtocolHandler("/websocket", null, false,
                                FrameHeader.DEFAULT_MAX_FRAME_BYTES + FrameHeader.LENGTH_FIELD_BYTES),
                        new RelayWebSocketAdapter(), new RelayHandler(state));
            }
        }).bind(host, wsPort).sync().channel();
    }

    /** The WebSocket port, or -1. */
    public int wsPort() {
        return wsChannel == null ? -1 : ((InetSocketAddress) wsChannel.localAddress()).getPort();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Users with a connection right now. */
    public int online() {
        return state.online();
    }

    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().await();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        if (wsChannel != null) {
            wsChannel.close().syncUninterruptibly();
        }
        workers.shutdownGracefully();
        boss.shutdownGracefully();
    }
}
