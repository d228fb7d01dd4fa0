package io.parley.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.EmptyBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection's pipeline: hands decoded frames and the connection's end to the
 * {@link ClientCore}, PINGs when the connection has been write-idle for a heartbeat, and closes it when
 * nothing arrived for three heartbeats (the {@code IdleStateHandler} is added after CONNACK, once the
 * heartbeat is known). Runs on the client's event loop; one instance per connection.
 */
final class ClientHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final ClientCore core;

    ClientHandler(ClientCore core) {
        this.core = core;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        core.onFrame(ctx.channel(), frame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        core.onChannelClosed(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Frame.of(Command.PING, 0, EmptyBody.INSTANCE));
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.info("no frame from {} for three heartbeats; closing the connection", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("client connection to {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
