package io.parley.kernel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.protocol.Command;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's own meters: {@code im.connections}, {@code im.frames.in} / {@code im.frames.out} by command,
 * {@code im.messages.committed} and {@code im.commit.latency}. Thread-safe.
 */
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

    public KernelMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("im.connections", connections);
        for (Command command : Command.values()) {
            framesIn.put(command, registry.counter("im.frames.in", "command", command.name()));
            framesOut.put(command, registry.counter("im.frames.out", "command", command.name()));
        }
        messagesCommitted = registry.counter("im.messages.committed");
        messagesRejected = registry.counter("im.messages.rejected");
        messagesRefusedBusy = registry.counter("im.messages.refused.busy");
        protocolErrors = registry.counter("im.protocol.errors");
        commitLatency = Timer.builder("im.commit.latency").publishPercentiles(0.5, 0.99, 0.999)
                .description("from a send's arrival to its durable commit").register(registry);
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
