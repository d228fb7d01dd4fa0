package io.parley.plugin.routing.spi;

import java.util.List;

/**
 * Where routed events go: the app server over HTTP by default, a JSON-lines file as the second example, or
 * any destination a plugin author adds through a {@link RoutingSinkFactory}.
 *
 * <p>Contract: the plugin's durable outbox calls {@link #deliver} on one of its delivery worker threads,
 * never on a kernel or Netty thread. Calls for different keys may run concurrently, so an implementation
 * must be thread-safe; calls for one key never overlap and come in order. {@code deliver} may block, but
 * should bound its own time (the HTTP sink uses {@code routing.timeout}). Returning normally means every
 * event of the batch was accepted and will never be sent again; throwing anything means none of them
 * counts as delivered: the whole batch is retried with exponential backoff, and after the retry window it
 * goes to the dead-letter store. Delivery is therefore at least once.
 */
public interface RoutingSink extends AutoCloseable {

    /**
     * True when this sink takes events of {@code kind}. Events of a kind no sink takes are not even queued
     * (the HTTP sink, for example, takes presence only when {@code routing.presence-url} is set). Called
     * once at startup.
     */
    boolean accepts(RoutingEvent.Kind kind);

    /**
     * The largest batch this sink takes for {@code kind}; the plugin sends at most
     * {@code min(routing.batch-size, maxBatchSize(kind))} events per call. Called once at startup.
     */
    default int maxBatchSize(RoutingEvent.Kind kind) {
        return Integer.MAX_VALUE;
    }

    /**
     * Delivers one batch: one or more events of a single key, in order. Blocks until they are accepted, or
     * throws to have the batch retried.
     */
    void deliver(List<RoutingEvent> batch) throws Exception;

    /** Releases files and connections. Called once, after the last {@code deliver} has returned. */
    @Override
    default void close() {
    }
}
