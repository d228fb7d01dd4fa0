package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What the server must be able to do with any frame it accepted: pass it on to other devices, in the encoding
 * they use (a message from a browser reaches a binary client and back), and get the same frame again.
 */
public final class FrameRoundTrip {
    private FrameRoundTrip() {
    }

    /**
     * Encodes {@code frame} in binary and in JSON, decodes each, and checks it encodes to the same again. In JSON
     * that holds from the first JSON decoding on: JSON has no 32-bit floats, so a CBOR float32 in a free-form
     * body is written as the shortest decimal of that float, which every JSON reader (the server's and a
     * browser's) takes for the nearest double, a number equal to the float's own value only to float precision.
     */
    public static void assertSurvivesReencoding(Frame frame) {
        assertSurvivesBinaryReencoding(frame);
        String json = jsonAsSent(decodeOwn(frame, () -> BodyCodec.fromJsonText(jsonAsSent(frame))));
        assertThat(jsonAsSent(decodeOwn(frame, () -> BodyCodec.fromJsonText(json))))
                .as("%s decoded from its JSON text encodes to the same text", frame.command())
                .isEqualTo(json);
    }

    /** Encodes {@code frame} in binary, decodes it, and checks it encodes to the same bytes again. */
    public static void assertSurvivesBinaryReencoding(Frame frame) {
        byte[] binary = binary(frame);
        Frame decoded = decodeOwn(frame,
                () -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(binary), Integer.MAX_VALUE));
        assertThat(binary(decoded))
                .as("%s decoded from its binary encoding encodes to the same bytes", frame.command())
                .isEqualTo(binary);
    }

    /**
     * Decodes what the server itself encoded. A refusal there is a failure, not one of the documented refusals
     * of hostile input that a fuzz test expects, so it is raised as an {@link AssertionError}.
     */
    private static Frame decodeOwn(Frame original, Supplier<Frame> decode) {
        try {
            return decode.get();
        } catch (ProtocolException refused) {
            throw new AssertionError("the server's own encoding of " + original.command() + " is refused", refused);
        }
    }

    /** The JSON text of {@code frame} as a WebSocket text frame carries it: in UTF-8. */
    public static String jsonAsSent(Frame frame) {
        return new String(BodyCodec.toJsonText(frame).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    public static byte[] binary(Frame frame) {
        ByteBuf buffer = Unpooled.buffer();
        FrameCodec.encode(frame, buffer);
        return ByteBufUtil.getBytes(buffer);
    }
}
