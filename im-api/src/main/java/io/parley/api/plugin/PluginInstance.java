package io.parley.api.plugin;

import io.parley.api.event.ImEventListener;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.DownloadRoute;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * One plugin running in one server, made by {@link ImPlugin#create}: it holds the plugin's state (stores, caches,
 * clients) and gives the kernel its contributions, which can share that state freely. Override only what you
 * contribute.
 *
 * <p>Lifecycle, all on the starting or stopping thread: the contribution getters are called once, right after
 * {@code create}; {@link #start()} once the whole server is wired (every plugin created, the write path built) and
 * before the ports open, in dependency order; {@link #close()} at stop, in reverse order, after the event listeners
 * have drained and before storage closes. If a later plugin's {@code start()} fails, the instances already started
 * are closed.
 */
public interface PluginInstance extends AutoCloseable {

    /** Conversation types this plugin serves. */
    default List<BusinessType> businessTypes() {
        return List.of();
    }

    /** Interceptors that may continue, replace or reject a message before commit. */
    default List<MessageInterceptor> interceptors() {
        return List.of();
    }

    /** Hooks called right after each message is committed, before its sender is answered. */
    default List<CommitHook> commitHooks() {
        return List.of();
    }

    /**
     * Hooks told, on the delivery path, which recipients of each delivered message had no device online (candidates
     * for a push notification): see {@link OfflineHook}.
     */
    default List<OfflineHook> offlineHooks() {
        return List.of();
    }

    /** Listeners of what happened: commits, deliveries, presence; on their own threads. */
    default List<ImEventListener> listeners() {
        return List.of();
    }

    /** Server-API endpoints ({@code /<area>/<action>.json}). */
    default List<ServerApiRoute> serverApiRoutes() {
        return List.of();
    }

    /**
     * Files served by unsigned {@code GET}s on the HTTP port under a path prefix, each route checking its own links
     * (signed, expiring): see {@link DownloadRoute}.
     */
    default List<DownloadRoute> downloadRoutes() {
        return List.of();
    }

    /** Checks run before every server-API route: rate limits and the like. */
    default List<ServerApiGuard> serverApiGuards() {
        return List.of();
    }

    /** Checks run when a device connects: bans and the like. */
    default List<ConnectionGuard> connectionGuards() {
        return List.of();
    }

    /** How stored messages are served when read back (sync, history, the conversation list): see {@link MessageView}. */
    default List<MessageView> messageViews() {
        return List.of();
    }

    /** Client-protocol commands, carried in COMMAND frames. */
    default List<ClientCommand> clientCommands() {
        return List.of();
    }

    /**
     * Called after each retention sweep ({@code retention.*}, every {@code retention.sweep-interval}) with the cutoffs
     * it applied, once the store has dropped the expired messages: to forget what the plugin keeps beside them (an
     * index of messages in its own metadata). On the sweeper's thread, which it may block on storage; what it throws is
     * logged. Not called when the storage provider does not expire messages.
     */
    default void retentionSwept(io.parley.api.storage.RetentionCutoffs cutoffs) {
    }

    /**
     * Starts what the instance runs: threads, timers, connections, file watches. Everything the context offers
     * works here, publishing included. Throw to fail startup.
     */
    default void start() {
    }

    /**
     * Stops what {@link #start()} started and closes what the instance opened. What it throws is logged; the
     * other instances are closed still.
     */
    @Override
    default void close() {
    }
}
