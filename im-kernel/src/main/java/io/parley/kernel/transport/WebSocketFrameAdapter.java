package io.parley.kernel.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.parley.api.error.StandardErrorCode;
import io.parley.kernel.session.WireFormat;
import io.parley.protocol.BodyCodec;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.ProtocolException;
import java.util.List;

/**
 * Carries protocol frames in WebSocket messages: a binary message holds exactly one binary frame (length
 * field included); a text message holds one JSON frame. The server answers in the kind the client used
 * first, so a browser needs no binary codec. Not sharable: it remembers that choice.
 */
final class WebSocketFrameAdapter extends MessageToMessageCodec<WebSocketFrame, Frame> {
    private final int maxFrameBytes;
    private boolean text;

    WebSocketFrameAdapter(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(WireFormat.KEY).set(WireFormat.WEBSOCKET_BINARY);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame message, List<Object> out) {
        if (message instanceof TextWebSocketFrame textFrame) {
            if (!text) {
                text = true;
                ctx.channel().attr(WireFormat.KEY).set(WireFormat.WEBSOCKET_TEXT);
            }
            if (textFrame.content().readableBytes() > maxFrameBytes) {
                throw new ProtocolException(StandardErrorCode.FRAME_TOO_LARGE,
                        "text frame exceeds the limit of " + maxFrameBytes + " bytes");
            }
            out.add(BodyCodec.fromJsonText(textFrame.text()));
        } else if (message instanceof BinaryWebSocketFrame binary) {
            out.add(FrameCodec.decodeWhole(binary.content(), maxFrameBytes));
        } else {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME,
                    "unsupported WebSocket frame " + message.getClass().getSimpleName());
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (text) {
            out.add(new TextWebSocketFrame(BodyCodec.toJsonText(frame)));
        } else {
            ByteBuf buffer = ctx.alloc().buffer();
            FrameCodec.encode(frame, buffer);
            out.add(new BinaryWebSocketFrame(buffer));
        }
    }
}
