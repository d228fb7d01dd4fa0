package io.parley.kernel.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.parley.kernel.lifecycle.Service;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/** The event loops shared by the TCP and HTTP transports: epoll on Linux when available, NIO otherwise. */
@Singleton
public final class NettyGroups implements Service {
    private final boolean epoll = Epoll.isAvailable();
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public void start() {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("parley-accept", true), factory);
        workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("parley-io", true), factory);
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerSocketChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** A server bootstrap on these loops with the options every client-facing port shares. */
    public ServerBootstrap serverBootstrap(WriteBufferWaterMark writeBufferWaterMark) {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, writeBufferWaterMark);
    }

    @Override
    public void stop() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
