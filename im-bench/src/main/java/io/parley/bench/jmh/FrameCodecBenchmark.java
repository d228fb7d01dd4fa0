package io.parley.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.WireMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding a DELIVER frame with a typical text message: the codec's cost per message. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameCodecBenchmark {
    private Frame frame;
    private ByteBuf encoded;

    @Setup
    public void setUp() {
        frame = Frame.of(Command.DELIVER, 0, new DeliverBody(new WireMessage(42, 1, "bob", "alice", "RC:TxtMsg",
                "{\"content\":\"hello, this is a typical short chat message\"}", null, null, "BCVD-DV70-EKOC-7ES6",
                41, 1_700_000_000_000L, "6f1c2a9e-0d1b-4a57-9a43-7c1f0e2b7d11", true, true)));
        encoded = PooledByteBufAllocator.DEFAULT.buffer();
        FrameCodec.encode(frame, encoded);
    }

    @TearDown
    public void tearDown() {
        encoded.release();
    }

    @Benchmark
    public int encode() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(256);
        try {
            FrameCodec.encode(frame, out);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }

    @Benchmark
    public Frame decode() {
        ByteBuf in = encoded.duplicate();
        int length = in.readInt();
        return FrameCodec.decodeAfterLength(in, length);
    }
}
