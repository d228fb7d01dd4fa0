package io.parley.kernel.transport;

import io.parley.kernel.metrics.Meters;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Adds the transport-independent tail of a client connection's pipeline: heartbeat watch, slow-consumer guard (a
 * WebSocket has had one since it spoke HTTP) and protocol state machine.
 */
final class ProtocolPipeline {
    private ProtocolPipeline() {
    }

    static void addTail(ChannelPipeline pipeline, ConnectionHandlers handlers) {
        TransportContext transport = handlers.transport();
        long timeoutSeconds = transport.config().heartbeat().toSeconds() * 3;
        pipeline.addLast("idle", new IdleStateHandler(timeoutSeconds, 0, 0, TimeUnit.SECONDS));
        if (pipeline.get(SlowConsumerGuard.class) == null) {
            pipeline.addLast("slow-consumer", slowConsumerGuard(transport));
        }
        pipeline.addLast("protocol", handlers.newHandler());
    }

    static SlowConsumerGuard slowConsumerGuard(TransportContext transport) {
        return new SlowConsumerGuard(transport.limits().slowConsumerTimeout(),
                Meters.counter(transport.metrics().registry(), "im.connections.closed.slow-consumer",
                        "Connections closed (33013) for leaving what the server wrote unread too long"));
    }
}
