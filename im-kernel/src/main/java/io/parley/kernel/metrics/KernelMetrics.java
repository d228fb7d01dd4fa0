package io.parley.kernel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.protocol.Command;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's own meters: {@code im.connections}, {@code im.frames.in} / {@code im.frames.out} by command,
 * {@code im.messages.committed} and {@code im.commit.latency}. Thread-safe.
 */
@Singleton
public final class KernelMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Command, Counter> framesIn = new EnumMap<>(Command.class);
    private final Map<Command, Counter> framesOut = new EnumMap<>(Command.class);
    private final Counter messagesCommitted;
    private final Counter messagesRejected;
    private final Counter messagesRefusedBusy;
    private final Counter protocolErrors;
    private final Timer commitLatency;

    @Inject
    public KernelMetrics(MeterRegistry registry) {
        this.registry = registry;
        Meters.gauge(registry, "im.connections", "Client connections open now (TCP and WebSocket)",
                connections, AtomicInteger::get);
        for (Command command : Command.values()) {
            framesIn.put(command, Meters.counter(registry, "im.frames.in",
                    "Protocol frames received from clients, by command", "command", command.name()));
            framesOut.put(command, Meters.counter(registry, "im.frames.out",
                    "Protocol frames written to clients, by command", "command", command.name()));
        }
        messagesCommitted = Meters.counter(registry, "im.messages.committed",
                "Messages committed (durable before the sender is answered)");
        messagesRejected = Meters.counter(registry, "im.messages.rejected",
                "Sends refused before their commit: invalid, not allowed, or refused by an interceptor");
        messagesRefusedBusy = Meters.counter(registry, "im.messages.refused.busy",
                "Sends refused at once (33012): the server at its bound of messages in flight, or the"
                        + " conversation's stripe full");
        protocolErrors = Meters.counter(registry, "im.protocol.errors",
                "Connections closed with a fatal ERROR frame (a malformed or unexpected frame, a timeout)");
        commitLatency = Timer.builder("im.commit.latency").publishPercentiles(0.5, 0.99, 0.999)
                .description("Time from a send's arrival to its durable commit").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public void frameIn(Command command) {
        framesIn.get(command).increment();
    }

    public void frameOut(Command command) {
        framesOut.get(command).increment();
    }

    public void committed(long nanos) {
        messagesCommitted.increment();
        commitLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void rejected() {
        messagesRejected.increment();
    }

    /** A send refused at once because the server was at its bound of messages in flight. */
    public void refusedBusy() {
        messagesRefusedBusy.increment();
    }

    public void protocolError() {
        protocolErrors.increment();
    }
}
