package io.parley.kernel.transport;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.kernel.transport.TransportLimits.ConnectionCap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one port's open connections within its {@link ConnectionCap}: in total, and from one source address. A
 * connection past either bound gets the port's refusal (an ERROR frame, or an HTTP 503) and is closed before any
 * other handler sees it, so a flood of connections that never speak cannot take the descriptors every other client,
 * {@code /health} and the server API need. First in each connection's pipeline; shared by the port's connections.
 * Counts {@code im.connections.refused} by port and reason, and warns at most once a minute per port.
 */
@ChannelHandler.Sharable
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);
    private static final long WARN_INTERVAL_NANOS = 60_000_000_000L;
    private static final String REFUSED = "Connections refused because the port held its most connections, in total or"
            + " from one address, by port and reason";

    private final String port;
    private final ConnectionCap cap;
    private final Consumer<ChannelHandlerContext> refusal;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();
    private final Counter refusedTotal;
    private final Counter refusedPerAddress;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    /**
     * @param port    {@code tcp} or {@code http}, for the metric and the log
     * @param refusal writes what a refused connection is told and closes it; it gets this handler's context, first
     *     in the pipeline, so that it can write bytes no codec sees
     */
    ConnectionAdmission(String port, ConnectionCap cap, MeterRegistry registry, Consumer<ChannelHandlerContext> refusal) {
        this.port = port;
        this.cap = cap;
        this.refusal = refusal;
        this.refusedTotal = Meters.counter(registry, "im.connections.refused", REFUSED, "port", port,
                "reason", "total");
        this.refusedPerAddress = Meters.counter(registry, "im.connections.refused", REFUSED, "port",
                port, "reason", "per-address");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        InetAddress address = channel.remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
        if (open.incrementAndGet() > cap.total()) {
            open.decrementAndGet();
            refuse(ctx, refusedTotal, "it holds " + cap.total() + " connections (" + port + ".max-connections)");
            return;
        }
        if (address != null && openByAddress.merge(address, 1, Integer::sum) > cap.perAddress()) {
            open.decrementAndGet();
            forget(address);
            refuse(ctx, refusedPerAddress, address.getHostAddress() + " holds " + cap.perAddress()
                    + " connections (" + port + ".max-connections-per-address)");
            return;
        }
        channel.closeFuture().addListener(closed -> {
            open.decrementAndGet();
            if (address != null) {
                forget(address);
            }
        });
        ctx.fireChannelActive();
    }

    private void forget(InetAddress address) {
        openByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    private void refuse(ChannelHandlerContext ctx, Counter counter, String why) {
        counter.increment();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            log.warn("refusing connections on the {} port: {} (counted in im.connections.refused; this warning "
                    + "repeats at most once a minute)", port, why);
        }
        refusal.accept(ctx);
    }
}
