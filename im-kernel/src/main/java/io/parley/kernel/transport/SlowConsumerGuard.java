package io.parley.kernel.transport;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what a connection that does not read can make the server hold. While its outbound buffer is above the
 * high-water mark ({@code protocol.write-buffer-high-bytes}) the server stops reading from it, so it cannot ask for
 * more answers than it takes; if it stays there for {@code protocol.slow-consumer-timeout}, the connection is closed.
 * Before closing, {@link #SLOW_CONSUMER} goes up the pipeline so that the protocol can say why (best effort: the
 * client is not reading). Droppable frames (DELIVER hints) are skipped while unwritable elsewhere
 * ({@code Session#accepts}). One per connection, on its event loop; counts {@code im.connections.closed.slow-consumer}.
 */
final class SlowConsumerGuard extends ChannelInboundHandlerAdapter {
    /** The user event fired just before a slow consumer is closed. */
    static final Object SLOW_CONSUMER = new Object() {
        @Override
        public String toString() {
            return "SLOW_CONSUMER";
        }
    };

    private static final Logger log = LoggerFactory.getLogger(SlowConsumerGuard.class);

    private final Duration timeout;
    private final Counter closed;
    private ScheduledFuture<?> deadline;

    SlowConsumerGuard(Duration timeout, Counter closed) {
        this.timeout = timeout;
        this.closed = closed;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable) {
            cancel();
        } else if (deadline == null) {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (ctx.channel().isActive() && !ctx.channel().isWritable()) {
            closed.increment();
            log.debug("closing {}: it left {} bytes unread for {}s (protocol.slow-consumer-timeout)",
                    ctx.channel().remoteAddress(), ctx.channel().unsafe().outboundBuffer() == null ? 0
                            : ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes(), timeout.toSeconds());
            ctx.fireUserEventTriggered(SLOW_CONSUMER);
            ctx.channel().close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
