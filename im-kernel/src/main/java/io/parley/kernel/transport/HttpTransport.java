package io.parley.kernel.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.http.HttpEndpoints;
import io.parley.kernel.http.JsonAwareAggregator;
import io.parley.kernel.lifecycle.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP port: the signed server API, {@code /metrics}, {@code /health}, the client protocol over
 * WebSocket at {@code /websocket}, and the endpoints an embedder mounted ({@link HttpEndpoints}).
 */
@Singleton
public final class HttpTransport implements Service {
    public static final String WEBSOCKET_PATH = "/websocket";
    static final String SERVER_API_HANDLER = "server-api";
    private static final String REFUSAL_BODY = "too many connections; retry later\n";
    private static final String REFUSAL = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Retry-After: 1\r\nConnection: close\r\nContent-Length: " + REFUSAL_BODY.length() + "\r\n\r\n" + REFUSAL_BODY;

    private final NettyGroups groups;
    private final ConnectionHandlers handlers;
    private final TransportContext transport;
    private final HttpApiHandler apiHandler;
    private final HttpEndpoints endpoints;
    private volatile Channel serverChannel;

    @Inject
    public HttpTransport(NettyGroups groups, ConnectionHandlers handlers, HttpApiHandler apiHandler, HttpEndpoints endpoints) {
        this.groups = groups;
        this.handlers = handlers;
        this.transport = handlers.transport();
        this.apiHandler = apiHandler;
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "http-transport";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("netty", "executors", "plugins");
    }

    @Override
    public void start() throws InterruptedException {
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(transport.config().maxFrameBytes())
                .build();
        ConnectionAdmission admission = new ConnectionAdmission("http", transport.limits().http(),
                transport.metrics().registry(), this::refuse);
        serverChannel = groups.serverBootstrap(transport.config().writeBufferWaterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("admission", admission);
                        transport.tls().ifPresent(tls -> channel.pipeline().addLast("tls", tls.newHandler(channel.alloc())));
                        channel.pipeline().addLast("slow-consumer", ProtocolPipeline.slowConsumerGuard(transport));
                        channel.pipeline().addLast("http-codec", new HttpServerCodec());
                        new HttpTimeouts(transport.limits(), transport.metrics().registry())
                                .addAround(channel.pipeline(), "http-codec");
                        channel.pipeline().addLast("http-aggregator",
                                new JsonAwareAggregator(transport.config().maxRequestBytes(), endpoints));
                        channel.pipeline().addLast("websocket", new WebSocketServerProtocolHandler(webSocket));
                        channel.pipeline().addLast("websocket-upgrade", new WebSocketUpgradeListener(handlers));
                        channel.pipeline().addLast(SERVER_API_HANDLER, apiHandler);
                    }
                })
                .bind(transport.config().bindHost(), transport.config().httpPort()).sync().channel();
    }

    /**
     * A connection past the port's caps is answered 503 in plain HTTP, written under the codec (and under TLS, which
     * has not begun: on TLS the client sees the connection closed), and closed at once.
     */
    private void refuse(ChannelHandlerContext admission) {
        if (transport.tls().isEmpty()) {
            admission.writeAndFlush(Unpooled.copiedBuffer(REFUSAL, StandardCharsets.US_ASCII));
        }
        admission.close();
    }

    /** The port bound; {@code IllegalStateException} before {@link #start()} has bound it. */
    public int port() {
        Channel channel = serverChannel;
        if (channel == null) {
            throw new IllegalStateException("the HTTP port is not bound yet");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void stop() throws InterruptedException {
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
    }
}
