package io.parley.kernel.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Turns an HTTP connection into a protocol connection once its WebSocket handshake completes: adds the
 * frame adapter, the heartbeat watch and the protocol state machine behind the WebSocket handler.
 */
final class WebSocketUpgradeListener extends ChannelInboundHandlerAdapter {
    private final ConnectionHandlers handlers;
    private final TransportContext transport;

    WebSocketUpgradeListener(ConnectionHandlers handlers) {
        this.handlers = handlers;
        this.transport = handlers.transport();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.pipeline().addAfter(ctx.name(), "ws-frames", new WebSocketFrameAdapter(transport.config().maxFrameBytes()));
            ctx.pipeline().remove(this);
            HttpTimeouts.removeFrom(ctx.pipeline());
            // From now on this connection carries protocol frames only: the server-API handler must not see it.
            if (ctx.pipeline().get(HttpTransport.SERVER_API_HANDLER) != null) {
                ctx.pipeline().remove(HttpTransport.SERVER_API_HANDLER);
            }
            ProtocolPipeline.addTail(ctx.pipeline(), handlers);
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
