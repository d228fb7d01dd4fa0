package io.parley.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.FrameHeader;
import java.util.List;

/**
 * Splits a TCP byte stream into {@link io.parley.protocol.Frame}s. A length above the limit is refused as
 * soon as the length field arrives, before any of the body is buffered. Errors surface as a
 * {@link io.netty.handler.codec.DecoderException} whose cause is a {@link io.parley.protocol.ProtocolException}.
 * Not sharable: it keeps the bytes of a partial frame.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;

    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= FrameHeader.LENGTH_FIELD_BYTES) {
            int length = in.getInt(in.readerIndex());
            FrameCodec.checkLength(length, maxFrameBytes);
            if (in.readableBytes() < FrameHeader.LENGTH_FIELD_BYTES + length) {
                return;
            }
            in.skipBytes(FrameHeader.LENGTH_FIELD_BYTES);
            out.add(FrameCodec.decodeAfterLength(in, length));
        }
    }
}
