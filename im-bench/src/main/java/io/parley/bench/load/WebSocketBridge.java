package io.parley.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Puts a lean connection behind a WebSocket client: the HTTP upgrade to {@code /websocket}, then each binary
 * message (one whole frame, length field included) is handed on as bytes, and CONNECT is sent once the
 * handshake completes. Outbound frames are wrapped by {@link LeanDriver#writeFrame}.
 */
final class WebSocketBridge extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
    private final LeanConnection connection;

    private WebSocketBridge(LeanConnection connection) {
        super(false);
        this.connection = connection;
    }

    static void install(SocketChannel ch, InetSocketAddress remote, LeanConnection connection) {
        URI uri = URI.create("ws://" + remote.getHostString() + ":" + remote.getPort() + "/websocket");
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                        WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1024 * 1024)),
                new WebSocketBridge(connection), connection);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
        ByteBuf content = frame.content();
        ctx.fireChannelRead(content);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            connection.start(ctx.channel());
        }
        super.userEventTriggered(ctx, event);
    }
}
