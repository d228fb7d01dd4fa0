package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The frame layout, byte for byte, and the round trips every command's frame must survive, binary and JSON. */
class FrameCodecTest {

    @Test
    void aFrameIsLengthVersionTypeFlagsRequestIdThenItsCborBody() {
        byte[] bytes = FrameRoundTrip.binary(new Frame(Command.ACK, 0, 0x01020304, new AckBody(5)));

        // {"inboxCursor": 5} in CBOR as Jackson writes it: a map of indefinite length, an 11-character text key, the
        // integer 5, the end of the map
        byte[] body = {(byte) 0xbf, 0x6b, 'i', 'n', 'b', 'o', 'x', 'C', 'u', 'r', 's', 'o', 'r', 0x05, (byte) 0xff};
        assertThat(Arrays.copyOfRange(bytes, 0, 11)).containsExactly(
                0, 0, 0, 7 + body.length, FrameHeader.VERSION, Command.ACK.code(), 0, 1, 2, 3, 4);
        assertThat(Arrays.copyOfRange(bytes, 11, bytes.length)).containsExactly(body);
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void everyCommandsFrameDecodesFromBinaryToTheFrameSent(Command command) {
        Frame sent = SampleFrames.of(command);

        Frame decoded = FrameCodec.decodeWhole(Unpooled.wrappedBuffer(FrameRoundTrip.binary(sent)),
                FrameHeader.DEFAULT_MAX_FRAME_BYTES);

        assertThat(decoded.command()).isEqualTo(command);
        assertThat(decoded.flags()).isEqualTo(sent.flags());
        assertThat(decoded.requestId()).isEqualTo(sent.requestId());
        assertThat(FrameRoundTrip.binary(decoded)).isEqualTo(FrameRoundTrip.binary(sent));
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void everyCommandsFrameSurvivesJsonAndBinaryReencoding(Command command) {
        FrameRoundTrip.assertSurvivesReencoding(SampleFrames.of(command));
    }

    @Test
    void theJsonTextFormNamesTheCommand() {
        String json = BodyCodec.toJsonText(Frame.of(Command.PING, 7, EmptyBody.INSTANCE));

        assertThat(json).contains("\"type\":\"PING\"").contains("\"requestId\":7");
        Frame decoded = BodyCodec.fromJsonText(json);
        assertThat(decoded.command()).isEqualTo(Command.PING);
        assertThat(decoded.requestId()).isEqualTo(7);
    }

    @Test
    void anEmptyBodyDecodesAsAnEmptyMap() {
        ByteBuf ping = Unpooled.buffer().writeInt(FrameHeader.HEADER_REST_BYTES).writeByte(FrameHeader.VERSION)
                .writeByte(Command.PING.code()).writeByte(0).writeInt(3);

        Frame decoded = FrameCodec.decodeWhole(ping, FrameHeader.DEFAULT_MAX_FRAME_BYTES);

        assertThat(decoded).isEqualTo(Frame.of(Command.PING, 3, EmptyBody.INSTANCE));
    }

    @Test
    void aWebSocketMessageMustHoldExactlyOneWholeFrame() {
        byte[] ping = FrameRoundTrip.binary(Frame.of(Command.PING, 1, EmptyBody.INSTANCE));
        byte[] twoFrames = new byte[ping.length * 2];
        System.arraycopy(ping, 0, twoFrames, 0, ping.length);
        System.arraycopy(ping, 0, twoFrames, ping.length, ping.length);

        assertRefused(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(new byte[] {0, 0}), 1024),
                StandardErrorCode.MALFORMED_FRAME, "shorter than its length field");
        assertRefused(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(twoFrames), 1024),
                StandardErrorCode.MALFORMED_FRAME, "carries");
        assertRefused(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(ping, 0, ping.length - 1), 1024),
                StandardErrorCode.MALFORMED_FRAME, "carries");
        assertRefused(() -> FrameCodec.decodeWhole(Unpooled.wrappedBuffer(ping), ping.length - 5),
                StandardErrorCode.FRAME_TOO_LARGE, "exceeds the limit");
    }

    @Test
    void aNullBodyIsMalformed() {
        ByteBuf frame = Unpooled.buffer().writeInt(FrameHeader.HEADER_REST_BYTES + 1).writeByte(FrameHeader.VERSION)
                .writeByte(Command.ERROR.code()).writeByte(0).writeInt(3).writeByte(0xf6);

        assertRefused(() -> FrameCodec.decodeWhole(frame, 1024), StandardErrorCode.MALFORMED_FRAME, "null");
    }

    @Test
    void commandNumbersAreUniqueAndReadBack() {
        Set<Integer> codes = Arrays.stream(Command.values()).map(Command::code).collect(Collectors.toSet());

        assertThat(codes).hasSize(Command.values().length);
        for (Command command : Command.values()) {
            assertThat(Command.fromCode(command.code())).contains(command);
        }
        assertThat(Command.fromCode(0)).isEmpty();
        assertThat(Command.fromCode(17)).isEmpty();
        assertThat(Command.fromCode(-1)).isEmpty();
        assertThat(Command.fromCode(255)).isEmpty();
    }

    @Test
    void aFrameRefusesABodyOfTheWrongType() {
        assertThatThrownBy(() -> Frame.of(Command.ERROR, 0, EmptyBody.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ErrorBody");
        assertThat(Frame.of(Command.ERROR, 0, new ErrorBody(1, "m", false)).body(ErrorBody.class).code()).isEqualTo(1);
    }

    private static void assertRefused(Runnable decode, StandardErrorCode code, String message) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(ProtocolException.class,
                refusal -> assertThat(refusal.errorCode()).isEqualTo(code)).hasMessageContaining(message);
    }
}
