package io.parley.kernel.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.parley.protocol.BodyCodec;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;

/**
 * One frame encoded at most once per wire format, to be written to many connections: each write takes a
 * retained duplicate of the shared bytes (pooled, so no copy and no per-device encoding). Used by one
 * thread at a time; {@link #release()} when the fan-out is done.
 */
public final class EncodedFrame {
    private final Frame frame;
    private ByteBuf binary;
    private ByteBuf text;

    public EncodedFrame(Frame frame) {
        this.frame = frame;
    }

    public Frame frame() {
        return frame;
    }

    /** The message to write for a connection of this format. */
    Object messageFor(WireFormat format) {
        return switch (format) {
            case STREAM -> binary().retainedDuplicate();
            case WEBSOCKET_BINARY -> new BinaryWebSocketFrame(binary().retainedDuplicate());
            case WEBSOCKET_TEXT -> new TextWebSocketFrame(text().retainedDuplicate());
        };
    }

    private ByteBuf binary() {
        if (binary == null) {
            binary = ByteBufAllocator.DEFAULT.buffer();
            FrameCodec.encode(frame, binary);
        }
        return binary;
    }

    private ByteBuf text() {
        if (text == null) {
            text = ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, BodyCodec.toJsonText(frame));
        }
        return text;
    }

    public void release() {
        if (binary != null) {
            binary.release();
        }
        if (text != null) {
            text.release();
        }
    }
}
