package io.parley.bench.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.FrameHeader;

/**
 * The relay's WebSocket side, like Parley's: each binary message is one whole frame (length field included),
 * decoded with {@link FrameCodec#decodeWhole}; frames and pre-encoded buffers going out become binary messages.
 */
final class RelayWebSocketAdapter extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            try {
                ctx.fireChannelRead(FrameCodec.decodeWhole(frame.content(), FrameHeader.DEFAULT_MAX_FRAME_BYTES));
            } finally {
                frame.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Frame frame) {
            ByteBuf out = ctx.alloc().ioBuffer(256);
            FrameCodec.encode(frame, out);
            ctx.write(new BinaryWebSocketFrame(out), promise);
        } else if (msg instanceof ByteBuf buf) {
            ctx.write(new BinaryWebSocketFrame(buf), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
