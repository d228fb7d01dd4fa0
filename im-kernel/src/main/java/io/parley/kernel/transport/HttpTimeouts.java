package io.parley.kernel.transport;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one HTTP connection: between requests it may idle for {@code http.idle-timeout} before it is
 * closed, and once the first byte of a request has arrived the whole request (headers and body) must arrive within
 * {@code http.request-timeout}, or it is answered 408 and closed: a connection that never speaks, or trickles a
 * header a byte a second, cannot hold a descriptor for ever. Two handlers share the state: {@link #bytes()} before
 * the HTTP codec sees a request begin, {@link #messages()} after it sees it end and its answer written. While the
 * server works on a request, no deadline runs. A WebSocket upgrade removes both ({@link #removeFrom}); the protocol's
 * own deadlines take over. One instance per connection, on its event loop.
 */
final class HttpTimeouts {
    static final String BYTES = "http-timeouts-bytes";
    static final String MESSAGES = "http-timeouts-messages";
    private static final String TIMEOUTS = "HTTP connections closed by a timeout: idle between requests (kind idle) or"
            + " too slow to send a request (kind request, answered 408)";

    private enum State { IDLE, RECEIVING, SERVING, CLOSING }

    /**
     * How long a connection answered 408 is drained before it is closed: closing a socket with bytes still arriving
     * makes the kernel reset it, and a reset can take the 408 away from the client before it reads it.
     */
    private static final long LINGER_MILLIS = 2000;

    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final Counter idleClosed;
    private final Counter requestTimedOut;
    private State state = State.IDLE;
    private ScheduledFuture<?> deadline;
    private ChannelHandlerContext messagesContext;

    HttpTimeouts(TransportLimits limits, MeterRegistry registry) {
        this.idleTimeout = limits.httpIdleTimeout();
        this.requestTimeout = limits.httpRequestTimeout();
        this.idleClosed = Meters.counter(registry, "im.http.timeouts", TIMEOUTS, "kind", "idle");
        this.requestTimedOut = Meters.counter(registry, "im.http.timeouts", TIMEOUTS, "kind", "request");
    }

    /** Adds the two handlers around the pipeline's {@code codecName}. */
    void addAround(ChannelPipeline pipeline, String codecName) {
        pipeline.addBefore(codecName, BYTES, bytes());
        pipeline.addAfter(codecName, MESSAGES, messages());
    }

    /** Takes the deadlines off a connection that stopped speaking HTTP. */
    static void removeFrom(ChannelPipeline pipeline) {
        if (pipeline.get(BYTES) != null) {
            pipeline.remove(BYTES);
        }
        if (pipeline.get(MESSAGES) != null) {
            pipeline.remove(MESSAGES);
        }
    }

    private ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                arm(ctx, idleTimeout);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (state == State.CLOSING) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (state == State.IDLE) {
                    state = State.RECEIVING;
                    arm(ctx, requestTimeout);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                cancel();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };
    }

    private ChannelDuplexHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                messagesContext = ctx;
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                cancel();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    state = State.SERVING;
                    cancel();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    ChannelPromise written = promise.unvoid();
                    written.addListener(done -> {
                        if (done.isSuccess() && state == State.SERVING) {
                            state = State.IDLE;
                            arm(ctx, idleTimeout);
                        }
                    });
                    ctx.write(msg, written);
                } else {
                    ctx.write(msg, promise);
                }
            }
        };
    }

    private void arm(ChannelHandlerContext ctx, Duration timeout) {
        cancel();
        deadline = ctx.executor().schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
        deadline = null;
        ChannelHandlerContext ctx = messagesContext;
        if (ctx == null || !ctx.channel().isActive()) {
            return;
        }
        if (state == State.RECEIVING) {
            requestTimedOut.increment();
            FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                    Unpooled.copiedBuffer("the request did not arrive within " + requestTimeout.toSeconds()
                            + "s (http.request-timeout)\n", StandardCharsets.UTF_8));
            answer.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .set(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            state = State.CLOSING;
            // answered, then the output shut (the client reads the 408 and an end), the input drained a while, closed
            ctx.writeAndFlush(answer).addListener(written -> {
                if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    ctx.close();
                }
            });
        } else if (state == State.IDLE) {
            idleClosed.increment();
            ctx.close();
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
