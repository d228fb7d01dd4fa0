package io.parley.kernel.plugin;

import io.parley.api.cluster.ClusterTopic;
import io.parley.api.cluster.SharedCounters;
import io.parley.api.cluster.SharedRateLimits;
import io.parley.api.event.PushRequested;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.plugin.RegisteredUsers;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.RetentionPolicy;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.user.UserDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The kernel's {@link PluginContext}, one per plugin ({@link #forPlugin}). What is built after the plugins are
 * created (the write path, the conversation service, the event bus) is reached through suppliers called at use, so
 * that a plugin may take the publisher in {@code create} and publish from {@code start()} on.
 */
public final class KernelPluginContext implements PluginContext {
    private final PluginConfig config;
    private final PluginConfig rootConfig;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final PluginMetrics metrics;
    private final Supplier<StorageProvider> storage;
    private final Supplier<MessagePublisher> publisher;
    private final Function<String, ConversationService> conversations;
    private final String pluginName;
    private final OnlineDirectory online;
    private final StopHooks stopHooks;
    private final Supplier<Consumer<PushRequested>> pushRequests;
    private final java.util.function.BooleanSupplier pushHeard;
    private final Optional<SharedRateLimits> sharedRateLimits;
    private final Optional<SharedCounters> sharedCounters;
    private final BiFunction<String, Consumer<byte[]>, Optional<ClusterTopic>> topics;
    private final Supplier<String> httpBaseUrl;

    /** A context with no HTTP port ({@link #httpBaseUrl()} throws): for tests. */
    public KernelPluginContext(PluginConfig rootConfig, Clock clock, ScheduledExecutorService scheduler,
            PluginMetrics metrics, Supplier<StorageProvider> storage, Supplier<MessagePublisher> publisher,
            Function<String, ConversationService> conversations, OnlineDirectory online, StopHooks stopHooks,
            Supplier<Consumer<PushRequested>> pushRequests, java.util.function.BooleanSupplier pushHeard,
            Optional<SharedRateLimits> sharedRateLimits, Optional<SharedCounters> sharedCounters,
            BiFunction<String, Consumer<byte[]>, Optional<ClusterTopic>> topics) {
        this(rootConfig, clock, scheduler, metrics, storage, publisher, conversations, online, stopHooks, pushRequests,
                pushHeard, sharedRateLimits, sharedCounters, topics, () -> {
                    throw new IllegalStateException("this server has no HTTP port");
                });
    }

    /**
     * @param publisher the write path, asked for at each publish (it may throw while the server is not wired yet)
     * @param conversations the conversation service of a plugin, by the plugin's name
     * @param pushHeard whether anyone would hear a push request (a listener of the event bus)
     * @param topics the cluster's plugin topics ({@code ClusterRouter#openTopic})
     * @param httpBaseUrl how the HTTP port is reached, asked for at each call (it throws until the port is bound)
     */
    public KernelPluginContext(PluginConfig rootConfig, Clock clock, ScheduledExecutorService scheduler,
            PluginMetrics metrics, Supplier<StorageProvider> storage, Supplier<MessagePublisher> publisher,
            Function<String, ConversationService> conversations, OnlineDirectory online, StopHooks stopHooks,
            Supplier<Consumer<PushRequested>> pushRequests, java.util.function.BooleanSupplier pushHeard,
            Optional<SharedRateLimits> sharedRateLimits,
            Optional<SharedCounters> sharedCounters,
            BiFunction<String, Consumer<byte[]>, Optional<ClusterTopic>> topics, Supplier<String> httpBaseUrl) {
        this(rootConfig, "kernel", rootConfig, clock, scheduler, metrics, storage, publisher, conversations, online,
                stopHooks, pushRequests, pushHeard, sharedRateLimits, sharedCounters, topics, httpBaseUrl);
    }

    private KernelPluginContext(PluginConfig config, String pluginName, PluginConfig rootConfig, Clock clock,
            ScheduledExecutorService scheduler, PluginMetrics metrics, Supplier<StorageProvider> storage,
            Supplier<MessagePublisher> publisher, Function<String, ConversationService> conversations,
            OnlineDirectory online, StopHooks stopHooks, Supplier<Consumer<PushRequested>> pushRequests,
            java.util.function.BooleanSupplier pushHeard, Optional<SharedRateLimits> sharedRateLimits,
            Optional<SharedCounters> sharedCounters,
            BiFunction<String, Consumer<byte[]>, Optional<ClusterTopic>> topics, Supplier<String> httpBaseUrl) {
        this.config = config;
        this.pluginName = pluginName;
        this.rootConfig = rootConfig;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.storage = storage;
        this.publisher = publisher;
        this.conversations = conversations;
        this.online = online;
        this.stopHooks = stopHooks;
        this.pushRequests = pushRequests;
        this.pushHeard = pushHeard;
        this.sharedRateLimits = sharedRateLimits;
        this.sharedCounters = sharedCounters;
        this.topics = topics;
        this.httpBaseUrl = httpBaseUrl;
    }

    /**
     * The context of a provider created before the kernel is built (storage, cluster): config, clock and metrics
     * only; what does not exist yet (storage, the write path, pushes) throws, naming {@code who} asked.
     */
    public static KernelPluginContext bootstrap(PluginConfig subtree, PluginConfig root, Clock clock,
            PluginMetrics metrics, String who) {
        return new KernelPluginContext(subtree, who, root, clock, null, metrics,
                () -> {
                    throw new IllegalStateException(who + " cannot read storage while it is being created");
                },
                () -> {
                    throw new IllegalStateException(who + " cannot publish: the write path is not built yet");
                },
                name -> {
                    throw new IllegalStateException(who + " cannot read conversations: the kernel is not built yet");
                }, null, new StopHooks(),
                () -> {
                    throw new IllegalStateException(who + " do not send pushes");
                }, () -> false, Optional.empty(), Optional.empty(), (name, receiver) -> Optional.empty(),
                () -> {
                    throw new IllegalStateException(who + " cannot know the HTTP port: the kernel is not built yet");
                });
    }

    /** Same services, for plugin {@code name} with its config subtree. */
    public KernelPluginContext forPlugin(String name, PluginConfig pluginConfig) {
        return new KernelPluginContext(pluginConfig, name, rootConfig, clock, scheduler, metrics, storage, publisher,
                conversations, online, stopHooks, pushRequests, pushHeard, sharedRateLimits, sharedCounters, topics,
                httpBaseUrl);
    }

    @Override
    public Optional<SharedRateLimits> sharedRateLimits() {
        return sharedRateLimits;
    }

    @Override
    public Optional<SharedCounters> sharedCounters() {
        return sharedCounters;
    }

    @Override
    public Optional<ClusterTopic> clusterTopic(String name, Consumer<byte[]> receiver) {
        return topics.apply(name, receiver);
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public PluginConfig rootConfig() {
        return rootConfig;
    }

    @Override
    public Path dataDir() {
        return KernelConfig.dataDir(rootConfig);
    }

    @Override
    public String appKey() {
        return KernelConfig.appKey(rootConfig);
    }

    @Override
    public String appSecret() {
        return KernelConfig.appSecret(rootConfig);
    }

    /** The kernel's window, read from the same keys with the same rules ({@link RetentionPolicy#syncWindow()}). */
    @Override
    public java.time.Duration syncWindow() {
        return RetentionPolicy.from(rootConfig).syncWindow();
    }

    @Override
    public String httpBaseUrl() {
        return httpBaseUrl.get();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }

    @Override
    public StorageProvider storage() {
        return storage.get();
    }

    /** A publisher that finds the write path at each publish, so that it may be taken before the path is built. */
    @Override
    public MessagePublisher publisher() {
        return new MessagePublisher() {
            @Override
            public CompletionStage<Message> publish(OutgoingMessage message) {
                return publisher.get().publish(message);
            }

            @Override
            public CompletionStage<Message> publishStatus(OutgoingMessage message) {
                return publisher.get().publishStatus(message);
            }
        };
    }

    /** The user directory over the open storage's metadata (it keeps no state of its own). */
    @Override
    public RegisteredUsers users() {
        return (after, limit) -> new UserDirectory(storage.get().metadata()).userIds(after, limit);
    }

    @Override
    public ConversationService conversations() {
        return new LateConversations(() -> conversations.apply(pluginName));
    }

    @Override
    public OnlineDirectory online() {
        return online;
    }

    @Override
    public void onStop(AutoCloseable resource) {
        stopHooks.add(resource);
    }

    @Override
    public boolean pushHeard() {
        return pushHeard.getAsBoolean();
    }

    @Override
    public void requestPush(PushRequested push) {
        pushRequests.get().accept(push);
    }
}
