package io.parley.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import io.parley.protocol.netty.FrameDecoder;
import io.parley.protocol.netty.FrameEncoder;

/**
 * Makes the Netty bootstrap of a client's TCP connections: every connection of one client on the same
 * event loop, with the pipeline {@code [tls →] decoder → encoder → handler} (the idle handler joins after CONNACK).
 */
final class ClientTransport {
    private ClientTransport() {
    }

    static Bootstrap tcp(ClientOptions options, EventLoop loop, ClientCore core) {
        SslContext tls = options.tls() == null ? null : sslContext(options.tls());
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            // the host name goes in SNI and is checked against the server's certificate
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), options.host(), options.port()));
                        }
                        ch.pipeline()
                                .addLast("decoder", new FrameDecoder(options.maxFrameBytes()))
                                .addLast("encoder", FrameEncoder.INSTANCE)
                                .addLast("handler", new ClientHandler(core));
                    }
                });
    }

    private static SslContext sslContext(ClientTls tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (tls.trustedCertificates().isPresent()) {
                builder.trustManager(tls.trustedCertificates().get().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + tls + ": " + e.getMessage(), e);
        }
    }
}
