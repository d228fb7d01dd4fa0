package io.parley.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.parley.protocol.netty.FrameDecoder;
import io.parley.protocol.netty.FrameEncoder;

/**
 * Makes the Netty bootstrap of a client's TCP connections: every connection of one client on the same
 * event loop, with the pipeline {@code decoder → encoder → handler} (the idle handler joins after CONNACK).
 */
final class ClientTransport {
    private ClientTransport() {
    }

    static Bootstrap tcp(ClientOptions options, EventLoop loop, ClientCore core) {
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("decoder", new FrameDecoder(options.maxFrameBytes()))
                                .addLast("encoder", FrameEncoder.INSTANCE)
                                .addLast("handler", new ClientHandler(core));
                    }
                });
    }
}
