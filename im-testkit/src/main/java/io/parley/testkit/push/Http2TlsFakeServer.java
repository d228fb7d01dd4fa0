package io.parley.testkit.push;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;

/**
 * An HTTP/2 server over TLS, with ALPN offering only {@code h2}, on 127.0.0.1 with a free port: what APNs
 * speaks. Its certificate is a test fixture ({@code apns-fake.p12}: EC P-256, subject alternative names
 * 127.0.0.1 and localhost, valid for a century); {@link #certificatePem()} is what a client must trust. A client
 * that does not negotiate h2 fails the HTTP/2 preface, as it would against Apple.
 */
public final class Http2TlsFakeServer implements FakeServer {
    private static final char[] PASSWORD = "parley-test".toCharArray();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    /** Where requests are answered: plain threads, which may block (a slow vendor sleeps) without tripping BlockHound. */
    private final EventExecutorGroup handlers = new DefaultEventExecutorGroup(2, task -> {
        Thread thread = new Thread(task, "vendor-fake-handler");
        thread.setDaemon(true);
        return thread;
    });
    private final Channel channel;
    private final String certificatePem;

    public Http2TlsFakeServer(Handler handler) {
        try (InputStream in = Http2TlsFakeServer.class.getResourceAsStream("apns-fake.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            Certificate certificate = store.getCertificate("apns-fake");
            certificatePem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            SslContext ssl = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2))
                    .build();
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()), Http2FrameCodecBuilder.forServer().build(),
                                    new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                        @Override
                                        protected void initChannel(Http2StreamChannel stream) {
                                            // the fake's checks may block briefly: off the event loop
                                            stream.pipeline().addLast(handlers, new StreamHandler(handler));
                                        }
                                    }));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP/2 fake server did not start", e);
        }
    }

    /** The server's certificate, for the client's trust store. */
    public String certificatePem() {
        return certificatePem;
    }

    @Override
    public String baseUrl() {
        return "https://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Gathers one stream's headers and data, then hands the request to the fake. */
    private static final class StreamHandler extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final Handler handler;
        private Http2Headers headers;
        private final StringBuilder body = new StringBuilder();

        StreamHandler(Handler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) throws Exception {
            boolean end;
            if (frame instanceof Http2HeadersFrame headersFrame) {
                headers = headersFrame.headers();
                end = headersFrame.isEndStream();
            } else if (frame instanceof Http2DataFrame data) {
                body.append(data.content().toString(StandardCharsets.UTF_8));
                end = data.isEndStream();
            } else {
                return;
            }
            if (end) {
                handler.handle(new StreamExchange(ctx, headers, body.toString()));
            }
        }
    }

    private static final class StreamExchange extends Exchange {
        private final ChannelHandlerContext ctx;
        private final Http2Headers headers;
        private final String body;

        StreamExchange(ChannelHandlerContext ctx, Http2Headers headers, String body) {
            this.ctx = ctx;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public String method() {
            return String.valueOf(headers.method());
        }

        @Override
        public String path() {
            return String.valueOf(headers.path());
        }

        @Override
        public String header(String name) {
            CharSequence value = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return value == null ? "" : value.toString();
        }

        /** Every value of a header, to catch duplicates. */
        public int headerCount(String name) {
            return headers.getAll(name.toLowerCase(java.util.Locale.ROOT)).size();
        }

        @Override
        public String body() {
            return body;
        }

        @Override
        public void respond(int status, String json, Map<String, String> extra) {
            Http2Headers response = new DefaultHttp2Headers().status(String.valueOf(status));
            extra.forEach((name, value) -> response.set(name.toLowerCase(java.util.Locale.ROOT), value));
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(response, true));
                return;
            }
            response.set("content-type", "application/json");
            ctx.write(new DefaultHttp2HeadersFrame(response, false));
            ByteBuf content = Unpooled.wrappedBuffer(bytes);
            ctx.writeAndFlush(new DefaultHttp2DataFrame(content, true));
        }
    }
}
