package io.parley.plugin.routing;

import io.parley.api.plugin.PluginContext;
import io.parley.plugin.routing.outbox.Backoff;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.outbox.OutboxDispatcher;
import io.parley.plugin.routing.spi.RoutingConfig;
import io.parley.plugin.routing.spi.RoutingEvent;
import io.parley.plugin.routing.spi.RoutingSink;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ServerApiRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's routing machinery: the sink, the outbox file and its dispatcher, shared by the plugin's
 * listener and its server-API routes.
 *
 * <p>Lifecycle: the plugin makes one runtime per server ({@link #open}), which opens the outbox file;
 * {@link #start()} starts the dispatcher and queues what the previous run committed but never queued
 * ({@link RoutingCatchUp}: an unclean end, kill -9, is safe too, as the outbox keeps a write-ahead log); the
 * kernel closes it at stop, after the listener has drained. A server in the same JVM opening an outbox file that
 * another, never stopped, still holds closes that one first ({@link #openAt} finds it, for tests and tools).
 * Thread-safe.
 */
final class RoutingRuntime implements PluginInstance {
    private static final Logger log = LoggerFactory.getLogger(RoutingRuntime.class);
    private static final Map<Path, RoutingRuntime> BY_FILE = new HashMap<>();

    private final Path file;
    private final RoutingConfig config;
    private final Set<RoutingEvent.Kind> kinds;
    private final MapDbOutbox outbox;
    private final OutboxDispatcher dispatcher;
    private final PluginContext context;
    private boolean closed;

    private RoutingRuntime(Path file, RoutingConfig config, Set<RoutingEvent.Kind> kinds, RoutingSink sink,
            PluginContext context) {
        this.file = file;
        this.config = config;
        this.kinds = kinds;
        this.context = context;
        RoutingMetrics metrics = new RoutingMetrics(context.metrics());
        this.outbox = MapDbOutbox.openIdle(file, context.clock(), metrics, config.replayWindow());
        this.dispatcher = new OutboxDispatcher(outbox, sink, new Backoff(config.retryInitial(), config.retryMax()),
                config.retryWindow(), config.batchSize(), config.maxInMemory(), config.workers(), context.clock(),
                metrics);
        RoutingMetrics.registerGauges(context.metrics(), outbox, dispatcher);
    }

    @Override
    public void start() {
        outbox.startWriter();
        dispatcher.start();
        log.info("routing: {} to {} through outbox {} ({} events waiting, {} dead letters)", kinds, config.sink(),
                file, outbox.backlog(), outbox.deadLetters().count());
        catchUp(context);
    }

    @Override
    public List<ImEventListener> listeners() {
        return List.of(listener());
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes() {
        return List.of(new DeadLetterQueryRoute(outbox), new DeadLetterReplayRoute(outbox));
    }

    /**
     * Queues what the previous run committed but never queued (see {@link RoutingCatchUp}). A failure is
     * logged rather than failing startup: live routing matters more than the few messages of a kill window.
     */
    private void catchUp(PluginContext context) {
        try {
            RoutingCatchUp.run(context.storage(), listener(), outbox, context.clock(), config.replayWindow());
        } catch (RuntimeException e) {
            log.error("routing: the catch-up of messages committed before the last stop failed; messages committed "
                    + "in the last moments before an unclean stop may not be routed", e);
        }
    }

    /** The runtime of this server's plugin; empty when the sink takes nothing. */
    static synchronized Optional<RoutingRuntime> open(PluginContext context, RoutingConfig config) {
        RoutingSink sink = RoutingSinks.select(config.sink(), RoutingPlugin.class.getClassLoader())
                .create(context.config(), context);
        Set<RoutingEvent.Kind> kinds = EnumSet.noneOf(RoutingEvent.Kind.class);
        for (RoutingEvent.Kind kind : RoutingEvent.Kind.values()) {
            if (sink.accepts(kind)) {
                kinds.add(kind);
            }
        }
        Optional<RoutingRuntime> runtime = Optional.empty();
        if (kinds.isEmpty()) {
            sink.close();
        } else {
            Path file = outboxFile(context, config);
            RoutingRuntime previous = BY_FILE.remove(file);
            if (previous != null) {
                previous.close();
            }
            RoutingRuntime opened = new RoutingRuntime(file, config, kinds, sink, context);
            BY_FILE.put(file, opened);
            runtime = Optional.of(opened);
        }
        return runtime;
    }

    static Path outboxFile(PluginContext context, RoutingConfig config) {
        Path dir = config.outboxDir()
                .orElseGet(() -> context.dataDir().resolve("routing"));
        return dir.resolve("outbox.mapdb").toAbsolutePath().normalize();
    }

    /** The open runtime using {@code file}, if any; for tests and tools. */
    static synchronized Optional<RoutingRuntime> openAt(Path file) {
        return Optional.ofNullable(BY_FILE.get(file.toAbsolutePath().normalize()));
    }

    RoutingListener listener() {
        return new RoutingListener(config, kinds, outbox);
    }

    MapDbOutbox outbox() {
        return outbox;
    }

    OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (RoutingRuntime.class) {
            BY_FILE.remove(file, this);
        }
        dispatcher.close();
        outbox.close();
        log.info("routing outbox {} closed", file);
    }
}
