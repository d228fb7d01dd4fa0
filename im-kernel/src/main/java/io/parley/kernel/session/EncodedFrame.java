package io.parley.kernel.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.parley.protocol.BodyCodec;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;

/**
 * One frame encoded at most once per wire format, to be written to many connections: each write takes a
 * retained duplicate of the shared bytes (from the pooled allocator, whose duplicates are recycled: no copy,
 * no per-device encoding, no per-device allocation on TCP). {@link #prepare} runs on the fanning-out thread
 * before the frame is shared; event loops then only take duplicates. Reference-counted across them:
 * {@link #retain()} per holder, {@link #release()} when each is done.
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

    /** Encodes the frame for {@code format} now, so that event loops only read it. */
    void prepare(WireFormat format) {
        if (format == WireFormat.WEBSOCKET_TEXT) {
            text();
        } else {
            binary();
        }
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
            binary = PooledByteBufAllocator.DEFAULT.buffer();
            FrameCodec.encode(frame, binary);
        }
        return binary;
    }

    private ByteBuf text() {
        if (text == null) {
            text = ByteBufUtil.writeUtf8(PooledByteBufAllocator.DEFAULT, BodyCodec.toJsonText(frame));
        }
        return text;
    }

    public EncodedFrame retain() {
        if (binary != null) {
            binary.retain();
        }
        if (text != null) {
            text.retain();
        }
        return this;
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
