package io.parley.protocol;

/**
 * The binary frame layout. Every frame is:
 * <pre>
 *   int32  length     bytes that follow this field (header rest + body)
 *   uint8  version    {@link #VERSION}
 *   uint8  type       {@link Command#code()}
 *   uint8  flags      reserved, 0
 *   int32  requestId  ties an answer to its request; 0 when none
 *   bytes  body       CBOR
 * </pre>
 * Big-endian throughout.
 */
public final class FrameHeader {
    public static final int VERSION = 1;
    public static final int LENGTH_FIELD_BYTES = 4;
    /** Bytes after the length field and before the body: version, type, flags, request id. */
    public static final int HEADER_REST_BYTES = 7;
    public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024;

    private FrameHeader() {
    }
}
