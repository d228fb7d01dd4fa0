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

    static void addTail(ChannelPipeline pipeline, ProtocolServices services) {
        long timeoutSeconds = services.config().heartbeat().toSeconds() * 3;
        pipeline.addLast("idle", new IdleStateHandler(timeoutSeconds, 0, 0, TimeUnit.SECONDS));
        if (pipeline.get(SlowConsumerGuard.class) == null) {
            pipeline.addLast("slow-consumer", slowConsumerGuard(services));
        }
        pipeline.addLast("protocol", new ConnectionHandler(services));
    }

    static SlowConsumerGuard slowConsumerGuard(ProtocolServices services) {
        return new SlowConsumerGuard(services.limits().slowConsumerTimeout(),
                Meters.counter(services.metrics().registry(), "im.connections.closed.slow-consumer",
                        "Connections closed (33013) for leaving what the server wrote unread too long"));
    }
}
