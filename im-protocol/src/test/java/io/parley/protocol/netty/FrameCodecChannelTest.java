package io.parley.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.FrameRoundTrip;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.SampleFrames;
import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.SendBody;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TCP frame codec as the server's pipeline holds it ({@link FrameDecoder} then {@link FrameEncoder}) on an
 * {@link EmbeddedChannel}: bytes in as a socket delivers them (whole, split, several frames in one read), frames out;
 * frames written, bytes out; and what it refuses, with which code, and how early.
 */
class FrameCodecChannelTest {
    private static final int MAX_FRAME_BYTES = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME_BYTES),
            FrameEncoder.INSTANCE);

    @AfterEach
    void close() {
        try {
            channel.finishAndReleaseAll();
        } catch (DecoderException refusedAgain) {
            // closing decodes the bytes left over: a refused stream meets its refusal again, which the connection
            // handler ignores once it is closing
            assertThat(refusedAgain).hasCauseInstanceOf(ProtocolException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void aWholeFrameInOneReadIsDecodedToTheFrameSent(Command command) {
        Frame sent = SampleFrames.of(command);

        channel.writeInbound(Unpooled.wrappedBuffer(FrameRoundTrip.binary(sent)));

        Frame received = channel.readInbound();
        assertThat(received.command()).isEqualTo(command);
        assertThat(received.requestId()).isEqualTo(sent.requestId());
        assertThat(FrameRoundTrip.binary(received)).isEqualTo(FrameRoundTrip.binary(sent));
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void aFrameReadAByteAtATimeComesOutOnceWhenItsLastByteArrives() {
        Frame sent = Frame.of(Command.SEND, 42, new SendBody("c-1", 1, "bob", "RC:TxtMsg", "{\"content\":\"hi\"}",
                null, null, true, true, false));
        byte[] bytes = FrameRoundTrip.binary(sent);

        for (int i = 0; i < bytes.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
            assertThat(channel.<Object>readInbound()).as("a frame before byte %d of %d", i + 1, bytes.length).isNull();
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));

        Frame received = channel.readInbound();
        assertThat(received).isEqualTo(sent);
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void severalFramesInOneReadComeOutInOrder() {
        List<Frame> sent = List.of(Frame.of(Command.PING, 1, EmptyBody.INSTANCE), Frame.of(Command.ACK, 2,
                new AckBody(17)), Frame.of(Command.COMMAND, 3, new CommandBody("conversation.list", Map.of("n", 5))));

        channel.writeInbound(Unpooled.wrappedBuffer(concat(sent)));

        assertThat(readAll()).isEqualTo(sent);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 11, 64})
    void framesCutAcrossReadsAtAnyPlaceComeOutWholeAndInOrder(int readSize) {
        List<Frame> sent = SampleFrames.all();
        byte[] stream = concat(sent);

        List<Frame> received = new ArrayList<>();
        for (int start = 0; start < stream.length; start += readSize) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, start, Math.min(readSize, stream.length - start)));
            received.addAll(readAll());
        }

        assertThat(received).extracting(Frame::command).containsExactly(Command.values());
        assertThat(received).extracting(FrameRoundTrip::binary)
                .containsExactlyElementsOf(sent.stream().map(FrameRoundTrip::binary).toList());
    }

    @Test
    void theReadBuffersAreReleasedOnceTheirFramesAreDecoded() {
        ByteBuf read = Unpooled.buffer().writeBytes(concat(SampleFrames.all()));

        channel.writeInbound(read);

        assertThat(readAll()).hasSize(Command.values().length);
        assertThat(read.refCnt()).isZero();
    }

    @Test
    void aWrittenFrameGoesOutAsItsBinaryEncoding() {
        Frame frame = SampleFrames.of(Command.DELIVER);

        channel.writeOutbound(frame);

        ByteBuf out = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(FrameRoundTrip.binary(frame));
            assertThat(out.getInt(0)).as("the length field counts what follows it")
                    .isEqualTo(out.readableBytes() - FrameHeader.LENGTH_FIELD_BYTES);
        } finally {
            out.release();
        }
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() {
        Frame frame = sendOfLength(MAX_FRAME_BYTES);

        channel.writeInbound(Unpooled.wrappedBuffer(FrameRoundTrip.binary(frame)));

        assertThat(channel.<Frame>readInbound()).isEqualTo(frame);
    }

    @Test
    void aLengthAboveTheLimitIsRefusedFromTheLengthFieldAloneBeforeAnyBodyArrives() {
        ByteBuf lengthOnly = Unpooled.buffer().writeInt(MAX_FRAME_BYTES + 1);

        assertRefused(() -> channel.writeInbound(lengthOnly), StandardErrorCode.FRAME_TOO_LARGE);
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void aWholeFrameAboveTheLimitIsRefused() {
        byte[] oversized = FrameRoundTrip.binary(sendOfLength(MAX_FRAME_BYTES + 1));

        assertRefused(() -> channel.writeInbound(Unpooled.wrappedBuffer(oversized)), StandardErrorCode.FRAME_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, FrameHeader.HEADER_REST_BYTES - 1, Integer.MIN_VALUE})
    void aLengthShorterThanTheHeaderIsMalformed(int length) {
        assertRefused(() -> channel.writeInbound(Unpooled.buffer().writeBytes(header(length, FrameHeader.VERSION, 3))),
                StandardErrorCode.MALFORMED_FRAME);
    }

    @Test
    void aBodyThatIsNotCborOfItsCommandIsMalformed() {
        // a SEND whose body is the CBOR integer 5, not a map
        ByteBuf frame = Unpooled.buffer().writeBytes(header(FrameHeader.HEADER_REST_BYTES + 1, FrameHeader.VERSION,
                Command.SEND.code())).writeByte(0x05);

        assertRefused(() -> channel.writeInbound(frame), StandardErrorCode.MALFORMED_FRAME);
    }

    @Test
    void anUnknownFrameTypeIsRefusedAsAnUnknownCommand() {
        assertRefused(() -> channel.writeInbound(Unpooled.buffer().writeBytes(
                header(FrameHeader.HEADER_REST_BYTES, FrameHeader.VERSION, 200))), StandardErrorCode.UNKNOWN_COMMAND);
    }

    @Test
    void anotherProtocolVersionIsRefusedWithTheVersionCode() {
        assertRefused(() -> channel.writeInbound(Unpooled.buffer().writeBytes(
                header(FrameHeader.HEADER_REST_BYTES, FrameHeader.VERSION + 1, Command.PING.code()))),
                StandardErrorCode.CONNECT_PROTOCOL_VERSION);
    }

    @Test
    void framesDecodedBeforeARefusalInTheSameReadStillComeOut() {
        Frame ping = Frame.of(Command.PING, 1, EmptyBody.INSTANCE);
        byte[] stream = concat(List.of(ping), header(0, FrameHeader.VERSION, 3));

        assertRefused(() -> channel.writeInbound(Unpooled.wrappedBuffer(stream)), StandardErrorCode.MALFORMED_FRAME);

        assertThat(channel.<Frame>readInbound()).isEqualTo(ping);
    }

    /** A SEND frame whose length field is exactly {@code length}. */
    private static Frame sendOfLength(int length) {
        Frame probe = send("");
        int padding = length - (FrameRoundTrip.binary(probe).length - FrameHeader.LENGTH_FIELD_BYTES);
        Frame frame = send("x".repeat(padding));
        assertThat(FrameRoundTrip.binary(frame).length - FrameHeader.LENGTH_FIELD_BYTES)
                .as("a SEND padded to a length of %d", length).isEqualTo(length);
        return frame;
    }

    private static Frame send(String content) {
        // text of 256 to 65,535 bytes has the same 3-byte CBOR length prefix, so the padding adds byte for byte
        return Frame.of(Command.SEND, 1, new SendBody("c", 1, "bob", "RC:TxtMsg", "y".repeat(300) + content, null,
                null, null, null, null));
    }

    private static void assertRefused(Runnable read, StandardErrorCode code) {
        assertThatThrownBy(read::run).isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(ProtocolException.class,
                        refusal -> assertThat(refusal.errorCode()).isEqualTo(code));
    }

    private List<Frame> readAll() {
        List<Frame> frames = new ArrayList<>();
        for (Object decoded; (decoded = channel.readInbound()) != null; ) {
            frames.add((Frame) decoded);
        }
        return frames;
    }

    private static byte[] concat(List<Frame> frames, byte[]... more) {
        List<byte[]> parts = new ArrayList<>(frames.stream().map(FrameRoundTrip::binary).toList());
        parts.addAll(Arrays.asList(more));
        ByteBuffer stream = ByteBuffer.allocate(parts.stream().mapToInt(part -> part.length).sum());
        parts.forEach(stream::put);
        return stream.array();
    }

    private static byte[] header(int length, int version, int type) {
        return ByteBuffer.allocate(FrameHeader.LENGTH_FIELD_BYTES + FrameHeader.HEADER_REST_BYTES)
                .putInt(length).put((byte) version).put((byte) type).put((byte) 0).putInt(9).array();
    }
}
