package io.parley.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds hostile CBOR to the body decoder, for the body record of every command. Every input must decode to a
 * body that survives re-encoding in binary and in JSON, or be refused as malformed (33001).
 *
 * <p>Input: the first byte picks the command (its index among {@link Command#values()}, modulo their number),
 * the rest is the body. Without {@code JAZZER_FUZZ} this runs the seeds below and those in
 * {@code CborBodyFuzzTestInputs/}; with it, it fuzzes ({@code scripts/fuzz}).
 */
class CborBodyFuzzTest {
    private static final Command[] COMMANDS = Command.values();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void decodesBodiesOrRefusesThemAsMalformed(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Command command = COMMANDS[Byte.toUnsignedInt(input[0]) % COMMANDS.length];
        Object body;
        try {
            body = BodyCodec.fromCbor(command, input, 1, input.length - 1);
        } catch (RuntimeException refused) {
            DecodeErrors.assertDocumented(refused, DecodeErrors.CBOR_BODY);
            return;
        }
        // A CBOR null decodes to null, which FrameCodec refuses as a malformed frame.
        if (body != null) {
            FrameRoundTrip.assertSurvivesReencoding(Frame.of(command, 0, body));
        }
    }

    /**
     * The body of every command as the server writes it (indefinite-length maps), and as definite-length maps;
     * then, for SEND and COMMAND: a text string that is not UTF-8, numbers too large for their field, a field of
     * the wrong type, nesting deeper than the decoder allows, tags, and bodies that are not maps.
     */
    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Frame frame : SampleFrames.all()) {
            seeds.add(input(frame.command(), BodyCodec.toCbor(frame.body())));
        }
        seeds.add(input(Command.ACK, cbor(0xa1, text("inboxCursor"), 0x18, 0x2a)));
        seeds.add(input(Command.SEND, cbor(0xa1, text("content"), 0x63, 0xed, 0xa0, 0x80)));
        seeds.add(input(Command.SEND, cbor(0xa1, text("conversationType"), 0x1b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff,
                0xff, 0xff)));
        seeds.add(input(Command.SEND, cbor(0xa1, text("conversationType"), text("1"))));
        seeds.add(input(Command.SEND, cbor(0xa1, text("persisted"), 0xf7)));
        seeds.add(input(Command.COMMAND, cbor(0xa2, text("name"), text("x"), text("body"), 0xa1, text("n"),
                0xc2, 0x49, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)));
        seeds.add(input(Command.COMMAND, cbor(0xa2, text("name"), text("x"), text("body"), 0xa1, text("half"),
                0xf9, 0x7e, 0x00)));
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.writeBytes(cbor(0xa1, text("body"), 0xa1, text("n")));
        for (int i = 0; i < 2000; i++) {
            deep.write(0x81);
        }
        deep.write(0x00);
        seeds.add(input(Command.COMMAND, deep.toByteArray()));
        seeds.add(input(Command.SEND, cbor(0x80)));
        seeds.add(input(Command.SEND, cbor(0xf6)));
        seeds.add(input(Command.SEND, cbor(0xbf)));
        return seeds.stream();
    }

    private static byte[] input(Command command, byte[] body) {
        byte[] input = new byte[1 + body.length];
        input[0] = (byte) command.ordinal();
        System.arraycopy(body, 0, input, 1, body.length);
        return input;
    }

    /** CBOR bytes from byte values and already encoded pieces. */
    private static byte[] cbor(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** A short CBOR text string (under 24 bytes). */
    private static byte[] text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return cbor(0x60 + utf8.length, utf8);
    }
}
