package io.parley.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.parley.protocol.DecodeErrors;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.FrameRoundTrip;
import io.parley.protocol.SampleFrames;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds hostile byte streams to the TCP pipeline's decoding half as the server builds it ({@link FrameDecoder}
 * then {@link FrameEncoder}), split into reads as a socket would deliver them. Every input must end in frames
 * that survive re-encoding or in a documented refusal, and leave no buffer unreleased.
 *
 * <p>Input: the first byte sets the size of each read (1–256 bytes), the rest is the byte stream. Without
 * {@code JAZZER_FUZZ} this runs the seeds below and those in {@code FrameDecoderFuzzTestInputs/}; with it, it
 * fuzzes ({@code scripts/fuzz}).
 */
class FrameDecoderFuzzTest {
    /** The smallest limit a server may be configured with, so that short inputs can cross it. */
    static final int MAX_FRAME_BYTES = 1024;

    static {
        // PARANOID unless the run names a level with Netty's own property: scripts/fuzz names "simple" for long
        // runs, since PARANOID records a stack trace at every buffer access (twenty times fewer inputs a second).
        // The allocator's check after each input sees every buffer whatever the level.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
    }

    private final TrackingAllocator allocator = new TrackingAllocator();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void decodesFramesOrRefusesWithADocumentedError(byte[] input) {
        if (input.length == 0) {
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new FrameDecoder(MAX_FRAME_BYTES), FrameEncoder.INSTANCE);
        int readSize = 1 + Byte.toUnsignedInt(input[0]);
        try {
            for (int start = 1; start < input.length; start += readSize) {
                ByteBuf read = allocator.buffer(readSize);
                read.writeBytes(input, start, Math.min(readSize, input.length - start));
                channel.writeInbound(read);
                assertDecodedFramesSurviveReencoding(channel);
            }
        } catch (RuntimeException refused) {
            // Frames decoded before the refusal in the same read still reach the connection handler.
            assertDecodedFramesSurviveReencoding(channel);
            DecodeErrors.assertDocumentedOnBinary(refused, DecodeErrors.BINARY_FRAME);
        } finally {
            closeAsTheServerDoes(channel);
            allocator.assertAllReleased();
        }
    }

    private static void assertDecodedFramesSurviveReencoding(EmbeddedChannel channel) {
        for (Object decoded; (decoded = channel.readInbound()) != null; ) {
            assertThat(decoded).isInstanceOf(Frame.class);
            FrameRoundTrip.assertSurvivesBinaryReencoding((Frame) decoded);
        }
    }

    /**
     * The connection handler closes the connection after a refusal. Closing decodes the bytes left over, so a
     * stream refused once meets the same refusal again, which the handler ignores once it is closing.
     */
    private static void closeAsTheServerDoes(EmbeddedChannel channel) {
        try {
            channel.finishAndReleaseAll();
        } catch (RuntimeException refusedAgain) {
            DecodeErrors.assertDocumentedOnBinary(refusedAgain, DecodeErrors.BINARY_FRAME);
        }
    }

    /**
     * Every command whole, read a byte at a time and in one read; several frames in one stream; each frame
     * cut short; length fields below the header, above the limit and negative; a wrong version; unknown types;
     * empty and non-map bodies.
     */
    static Stream<byte[]> seeds() {
        List<byte[]> streams = new ArrayList<>();
        List<byte[]> frames = SampleFrames.all().stream().map(FrameRoundTrip::binary).toList();
        for (byte[] frame : frames) {
            streams.add(input(255, frame));
            streams.add(input(0, frame));
            streams.add(input(255, Arrays.copyOf(frame, frame.length / 2)));
        }
        streams.add(input(100, frames.toArray(byte[][]::new)));
        for (int length : new int[] {0, FrameHeader.HEADER_REST_BYTES - 1, MAX_FRAME_BYTES + 1, -1,
                Integer.MAX_VALUE}) {
            streams.add(input(255, header(length, 1, 3)));
        }
        streams.add(input(255, header(FrameHeader.HEADER_REST_BYTES, 2, 3)));
        for (int type : new int[] {0, 17, 255}) {
            streams.add(input(255, header(FrameHeader.HEADER_REST_BYTES, FrameHeader.VERSION, type)));
        }
        streams.add(input(255, header(FrameHeader.HEADER_REST_BYTES, FrameHeader.VERSION, 5)));
        streams.add(input(255, header(FrameHeader.HEADER_REST_BYTES + 1, FrameHeader.VERSION, 5), new byte[] {0x05}));
        streams.add(input(255, header(FrameHeader.HEADER_REST_BYTES + 1, FrameHeader.VERSION, 5),
                new byte[] {(byte) 0xf6}));
        return streams.stream();
    }

    private static byte[] header(int length, int version, int type) {
        return ByteBuffer.allocate(FrameHeader.LENGTH_FIELD_BYTES + FrameHeader.HEADER_REST_BYTES)
                .putInt(length).put((byte) version).put((byte) type).put((byte) 0).putInt(9).array();
    }

    private static byte[] input(int readSizeByte, byte[]... parts) {
        ByteBuffer input = ByteBuffer.allocate(1 + Arrays.stream(parts).mapToInt(part -> part.length).sum());
        input.put((byte) readSizeByte);
        Arrays.stream(parts).forEach(input::put);
        return input.array();
    }
}
