package io.parley.bench.load;

import io.netty.buffer.ByteBuf;
import io.parley.protocol.Command;
import io.parley.protocol.FrameHeader;
import java.nio.charset.StandardCharsets;

/**
 * Writes a SEND frame straight into a buffer: the header of {@link FrameHeader} and a definite-length CBOR map
 * with {@code clientMsgId}, {@code conversationType}, {@code targetId}, {@code objectName} and
 * {@code content}: byte for byte what {@link io.parley.protocol.BodyCodec} reads as a
 * {@link io.parley.protocol.body.SendBody}, without Jackson on the load generator's hot path.
 */
public final class LeanCodec {
    private LeanCodec() {
    }

    /** Appends one whole SEND frame, length field included. */
    public static void writeSend(ByteBuf out, int requestId, String clientMsgId, int conversationType,
            String targetId, String objectName, String content) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.writeByte(FrameHeader.VERSION);
        out.writeByte(Command.SEND.code());
        out.writeByte(0);
        out.writeInt(requestId);
        out.writeByte(0xa5);
        text(out, "clientMsgId");
        text(out, clientMsgId);
        text(out, "conversationType");
        head(out, 0, conversationType);
        text(out, "targetId");
        text(out, targetId);
        text(out, "objectName");
        text(out, objectName);
        text(out, "content");
        text(out, content);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - FrameHeader.LENGTH_FIELD_BYTES);
    }

    private static void text(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        head(out, 3, bytes.length);
        out.writeBytes(bytes);
    }

    private static void head(ByteBuf out, int major, long value) {
        int type = major << 5;
        if (value < 24) {
            out.writeByte(type | (int) value);
        } else if (value < 0x100) {
            out.writeByte(type | 24);
            out.writeByte((int) value);
        } else if (value < 0x10000) {
            out.writeByte(type | 25);
            out.writeShort((int) value);
        } else if (value < 0x1_0000_0000L) {
            out.writeByte(type | 26);
            out.writeInt((int) value);
        } else {
            out.writeByte(type | 27);
            out.writeLong(value);
        }
    }
}
