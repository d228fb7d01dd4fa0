package io.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.parley.api.error.StandardErrorCode;

/**
 * Writes and reads the binary frame layout of {@link FrameHeader}. Shared by the TCP pipeline and WebSocket
 * binary messages. Stateless and thread-safe.
 */
public final class FrameCodec {
    private FrameCodec() {
    }

    /** Appends one whole frame, length field included, to {@code out}. */
    public static void encode(Frame frame, ByteBuf out) {
        byte[] body = BodyCodec.toCbor(frame.body());
        out.writeInt(FrameHeader.HEADER_REST_BYTES + body.length);
        out.writeByte(FrameHeader.VERSION);
        out.writeByte(frame.command().code());
        out.writeByte(frame.flags());
        out.writeInt(frame.requestId());
        out.writeBytes(body);
    }

    /**
     * Checks a length field before the frame's bytes are buffered, so that an oversized frame is refused
     * without reading it.
     */
    public static void checkLength(int length, int maxFrameBytes) {
        if (length < FrameHeader.HEADER_REST_BYTES) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME,
                    "frame length " + length + " is shorter than the header");
        }
        if (length > maxFrameBytes) {
            throw new ProtocolException(StandardErrorCode.FRAME_TOO_LARGE,
                    "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
        }
    }

    /** Decodes the part after the length field: exactly {@code length} readable bytes of {@code in}. */
    public static Frame decodeAfterLength(ByteBuf in, int length) {
        int version = in.readUnsignedByte();
        if (version != FrameHeader.VERSION) {
            in.skipBytes(length - 1);
            throw new ProtocolException(StandardErrorCode.CONNECT_PROTOCOL_VERSION,
                    "protocol version " + version + " is not supported; this server speaks " + FrameHeader.VERSION);
        }
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int requestId = in.readInt();
        int bodyLength = length - FrameHeader.HEADER_REST_BYTES;
        Command command = Command.fromCode(type).orElse(null);
        if (command == null) {
            in.skipBytes(bodyLength);
            throw new ProtocolException(StandardErrorCode.UNKNOWN_COMMAND, "unknown frame type " + type);
        }
        byte[] body = new byte[bodyLength];
        in.readBytes(body);
        Object decoded = bodyLength == 0
                ? BodyCodec.fromCbor(command, new byte[] {(byte) 0xa0}, 0, 1)
                : BodyCodec.fromCbor(command, body, 0, bodyLength);
        if (decoded == null) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME, "the body of " + command + " is null");
        }
        return new Frame(command, flags, requestId, decoded);
    }

    /** Decodes one whole frame, length field included (a WebSocket binary message). */
    public static Frame decodeWhole(ByteBuf in, int maxFrameBytes) {
        if (in.readableBytes() < FrameHeader.LENGTH_FIELD_BYTES) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME, "frame shorter than its length field");
        }
        int length = in.readInt();
        checkLength(length, maxFrameBytes);
        if (in.readableBytes() != length) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME,
                    "frame says " + length + " bytes but carries " + in.readableBytes());
        }
        return decodeAfterLength(in, length);
    }
}
