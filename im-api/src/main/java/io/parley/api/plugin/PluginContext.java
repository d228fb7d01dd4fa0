package io.parley.api.plugin;

import io.parley.api.event.PushRequested;
import io.parley.api.storage.StorageProvider;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the kernel lends a plugin, given to {@link ImPlugin#create}: one per plugin, with the plugin's own config
 * subtree. Never a Guice injector: the kernel's wiring stays inside it. Thread-safe; every object it returns lives as
 * long as the server, and may be kept by the plugin's instance.
 */
public interface PluginContext {

    /** The plugin's own config subtree (keys without the plugin's prefix). */
    PluginConfig config();

    /** The whole configuration, for plugins that read shared keys such as {@code app.key}. */
    PluginConfig rootConfig();

    /**
     * The server's data folder ({@code data.dir}, {@code ./data} by default): a plugin that keeps files of its own
     * keeps them in a folder named after it below this one. (A default so that test doubles need not implement it.)
     */
    default java.nio.file.Path dataDir() {
        throw new UnsupportedOperationException("this context has no data folder");
    }

    /**
     * The app's key ({@code app.key}, or the kernel's development key), for what a plugin signs for the app server
     * (callbacks, webhooks) as RongCloud signs them. (A default so that test doubles need not implement it.)
     */
    default String appKey() {
        throw new UnsupportedOperationException("this context has no app key");
    }

    /** The app's secret that goes with {@link #appKey()}: to sign with, never to log or show. */
    default String appSecret() {
        throw new UnsupportedOperationException("this context has no app secret");
    }

    /**
     * How this server's HTTP port is reached, for links a plugin hands out (see
     * {@link io.parley.api.route.DownloadRoute}): {@code http://<bind.host>:<port>}, with the port the server bound
     * ({@code http.port}, or the one the system chose for 0) and {@code 127.0.0.1} for a wildcard bind host; no
     * trailing slash. Behind a proxy, a plugin lets its own config override it (as {@code history.base-url} does).
     * Known once the port is bound, after every {@link PluginInstance#start()}: call it when serving a request, never
     * in {@link ImPlugin#create} or {@code start()}; before that it throws {@code IllegalStateException}. (A default
     * so that test doubles need not implement it.)
     */
    default String httpBaseUrl() {
        throw new UnsupportedOperationException("this context has no HTTP port");
    }

    Clock clock();

    /**
     * How far back SYNC serves a user's inbox (the longer of {@code retention.private.offline} and
     * {@code retention.group.offline}, 7 days each by default): a plugin that reads inboxes itself (a conversation
     * list) reads within it. (A default so that test doubles need not implement it.)
     */
    default java.time.Duration syncWindow() {
        throw new UnsupportedOperationException("this context has no sync window");
    }

    /**
     * A shared scheduler for timers and background work. Tasks may block briefly (I/O of a few
     * milliseconds); long-running work belongs on the plugin's own executor.
     */
    ScheduledExecutorService scheduler();

    PluginMetrics metrics();

    /** The open storage provider. Throws {@code IllegalStateException} while storage itself is being created. */
    StorageProvider storage();

    /**
     * Publishes messages through the whole write path. Take it in {@link ImPlugin#create} and keep it; it publishes
     * once the server is wired ({@link PluginInstance#start()} and later), and before that fails with
     * {@code IllegalStateException}.
     */
    MessagePublisher publisher();

    /**
     * Who may read a conversation and who is in it, by the kernel's rules, and notices to its members. Usable from
     * {@link PluginInstance#start()} on, like the publisher. (A default so that test doubles need not implement it.)
     */
    default ConversationService conversations() {
        throw new UnsupportedOperationException("this context has no conversation service");
    }

    /** Which users are online, and sending them frames. */
    OnlineDirectory online();

    /**
     * The users the app has registered (a user exists once the app server has asked for a token for it), page by
     * page: for what reaches every user, such as a broadcast. Usable from {@link PluginInstance#start()} on.
     * (A default so that test doubles need not implement it.)
     */
    default RegisteredUsers users() {
        throw new UnsupportedOperationException("this context has no user directory");
    }

    /**
     * Registers something the plugin opened (a file, a client, a thread pool) to be closed when the server
     * stops: after the event listeners have drained their queues, before storage closes, in reverse order of
     * registration. What it throws is logged. Thread-safe. (A default so that test doubles need not implement it.)
     */
    default void onStop(AutoCloseable resource) {
        throw new UnsupportedOperationException("this context does not close resources at stop");
    }

    /**
     * Asks for a push notification to a recipient with no online device (see {@link PushRequested}). It is told
     * to listeners asynchronously, like any event; the push plugin, if loaded, sends it. Never blocks.
     * (A default so that test doubles need not implement it.)
     */
    default void requestPush(PushRequested push) {
        throw new UnsupportedOperationException("this context does not send pushes");
    }

    /**
     * Whether a push request would be heard now: false when the server has no event listener at all (no push plugin
     * is loaded), so that a plugin need not compute requests (unread badges, do-not-disturb levels) for nobody.
     * Cheap; never blocks. (A default, true, so that test doubles need not implement it.)
     */
    default boolean pushHeard() {
        return true;
    }

    /**
     * Rate limits counted on every node of the cluster together ({@code cluster.provider=redis}); empty on a single
     * node, where a plugin's own in-memory limiter is exact. See {@code docs/cluster.md}.
     */
    default java.util.Optional<io.parley.api.cluster.SharedRateLimits> sharedRateLimits() {
        return java.util.Optional.empty();
    }

    /**
     * Counters shared by every node of the cluster ({@code cluster.provider=redis}: {@code INCR}), for a number that
     * must be one sequence across nodes; empty on a single node, where a plugin counts in its own memory. See
     * {@code docs/cluster.md}.
     */
    default java.util.Optional<io.parley.api.cluster.SharedCounters> sharedCounters() {
        return java.util.Optional.empty();
    }

    /**
     * Opens topic {@code name} (one per plugin, e.g. the plugin's name) to the same plugin on the other nodes
     * ({@code cluster.provider=redis}): what this node publishes, {@code receiver} gets on every other node, on a
     * cluster thread that it must not block (hand slow work to an executor of your own). Empty on a single node
     * (and in test doubles): there is no other node, and a plugin keeps to what it does alone. Opening the same
     * name twice fails with {@link IllegalArgumentException}. See {@code docs/cluster.md}.
     */
    default java.util.Optional<io.parley.api.cluster.ClusterTopic> clusterTopic(String name,
            java.util.function.Consumer<byte[]> receiver) {
        return java.util.Optional.empty();
    }
}
