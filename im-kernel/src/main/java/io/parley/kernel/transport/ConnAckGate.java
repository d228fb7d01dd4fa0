package io.parley.kernel.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Holds what is written to a connection between its registration as a session and its CONNACK: the DELIVERs and
 * events that other threads send it while the kernel reads the user's inbox head off the event loop. A CONNACK 0
 * goes out first and the held writes follow it, in order; a refused CONNACK drops them. ERROR and KICKED pass at
 * once (they end the connection). At most {@value #MAX_HELD} writes are held: past that the connection is closed,
 * and the device finds the messages by SYNC when it reconnects. Then the gate leaves the pipeline. Event loop only.
 */
final class ConnAckGate extends ChannelDuplexHandler {
    static final String NAME = "connack-gate";
    static final int MAX_HELD = 4096;

    private record Held(Object message, ChannelPromise promise) {
    }

    private final Queue<Held> held = new ArrayDeque<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (!(message instanceof Frame frame) || !passes(frame.command())) {
            hold(ctx, message, promise);
            return;
        }
        ctx.write(message, promise);
        if (frame.command() == Command.CONNACK) {
            if (frame.body(ConnAckBody.class).code() == 0) {
                Held next;
                while ((next = held.poll()) != null) {
                    ctx.write(next.message(), next.promise());
                }
            } else {
                dropHeld();
            }
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush(); // what is held is not written yet; flushing what went through is harmless
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropHeld(); // the connection closed before its CONNACK
    }

    private static boolean passes(Command command) {
        return command == Command.CONNACK || command == Command.ERROR || command == Command.KICKED;
    }

    private void hold(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (held.size() >= MAX_HELD) {
            ReferenceCountUtil.release(message);
            fail(promise, "more than " + MAX_HELD + " frames waited for CONNACK");
            dropHeld();
            ctx.close();
            return;
        }
        held.add(new Held(message, promise));
    }

    private void dropHeld() {
        Held next;
        while ((next = held.poll()) != null) {
            ReferenceCountUtil.release(next.message());
            fail(next.promise(), "the connection ended before its CONNACK");
        }
    }

    /** Fails a write's promise; a void promise (fan-outs) is left alone, as nobody waits on it. */
    private static void fail(ChannelPromise promise, String why) {
        if (!promise.isVoid()) {
            promise.tryFailure(new IllegalStateException(why));
        }
    }
}
