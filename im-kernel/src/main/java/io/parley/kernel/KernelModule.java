package io.parley.kernel;

import io.parley.kernel.metrics.Meters;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.api.DiscussionApi;
import io.parley.kernel.api.PrivateMessageApi;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.SharedOnceKeys;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.kernel.api.UserApi;
import io.parley.kernel.api.UserChatBanApi;
import io.parley.kernel.api.UserDeactivationApi;
import io.parley.kernel.api.UserRemarkApi;
import io.parley.kernel.cluster.ClusterOnlineDirectory;
import io.parley.kernel.cluster.ClusterRouter;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.cluster.LocalOnceKeys;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.dispatch.StripedExecutor;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.history.HistoryApi;
import io.parley.kernel.history.HistoryQueryCommand;
import io.parley.kernel.history.HistoryConfig;
import io.parley.kernel.history.HistoryDownloads;
import io.parley.kernel.history.HourlyArchive;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.http.HttpEndpoints;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.health.HealthMonitor;
import io.parley.kernel.health.HealthThresholds;
import io.parley.kernel.ops.ServerOverview;
import io.parley.kernel.http.RouteRegistry;
import io.parley.kernel.http.ServerApiDispatcher;
import io.parley.kernel.http.ReplayGuard;
import io.parley.kernel.http.SignatureVerifier;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.CommitHooks;
import io.parley.kernel.message.DeliveryService;
import io.parley.kernel.message.InterceptorChain;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.message.MessageTypeRegistry;
import io.parley.kernel.message.MessageUidGenerator;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.route.ClientCommand;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.conversation.ConversationApi;
import io.parley.kernel.conversation.ConversationCommands;
import io.parley.kernel.conversation.ConversationListService;
import io.parley.kernel.conversation.ConversationStates;
import io.parley.kernel.conversation.PluginConversations;
import io.parley.kernel.conversation.ReadSyncInterceptor;
import io.parley.kernel.expansion.ExpansionApi;
import io.parley.kernel.expansion.ExpansionCommands;
import io.parley.kernel.expansion.ExpansionService;
import io.parley.kernel.message.KernelStep;
import io.parley.kernel.recall.RecallApi;
import io.parley.kernel.recall.RecallInterceptor;
import io.parley.kernel.recall.RecallMarks;
import io.parley.kernel.receipt.ReadReceipts;
import io.parley.kernel.receipt.ReceiptCommands;
import io.parley.kernel.receipt.PeerReadInterceptor;
import io.parley.kernel.receipt.ReceiptInterceptor;
import java.time.Duration;
import io.parley.kernel.group.GroupApi;
import io.parley.kernel.group.GroupBusinessType;
import io.parley.kernel.group.GroupDirectory;
import io.parley.kernel.group.GroupMessageApi;
import io.parley.kernel.group.GroupMuteApi;
import io.parley.kernel.group.GroupMutes;
import io.parley.kernel.group.GroupRemarkApi;
import io.parley.kernel.group.GroupRemarks;
import io.parley.kernel.group.GroupNotifier;
import io.parley.kernel.group.GroupSettings;
import io.parley.kernel.message.PrivateBusinessType;
import io.parley.kernel.metrics.KernelMetrics;
import io.parley.kernel.system.SystemBusinessType;
import io.parley.kernel.system.SystemMessageApi;
import io.parley.api.plugin.BusinessType;
import io.parley.kernel.metrics.MicrometerPluginMetrics;
import io.parley.kernel.plugin.KernelPluginContext;
import io.parley.kernel.plugin.PluginContributions;
import io.parley.kernel.plugin.PluginInstances;
import io.parley.kernel.plugin.StopHooks;
import io.parley.kernel.push.OfflinePushRequester;
import io.parley.kernel.push.PushAliases;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.statistics.StatisticsApi;
import io.parley.kernel.statistics.StatisticsConfig;
import io.parley.kernel.statistics.StatisticsRecorder;
import io.parley.kernel.statistics.StatisticsStore;
import io.parley.kernel.sync.SyncService;
import io.parley.kernel.transport.ClientCommandRegistry;
import io.parley.kernel.transport.HttpTransport;
import io.parley.kernel.transport.NettyGroups;
import io.parley.kernel.transport.ProtocolServices;
import io.parley.kernel.transport.ServerTls;
import io.parley.kernel.transport.TcpTransport;
import io.parley.kernel.transport.TransportLimits;
import io.parley.kernel.user.DeactivatedUserGuard;
import io.parley.kernel.system.BroadcastLog;
import io.parley.kernel.user.PrivateChatBans;
import io.parley.kernel.user.ProfileCommands;
import io.parley.kernel.user.UserDeactivations;
import io.parley.kernel.user.UserDirectory;
import io.parley.kernel.user.UserRemarks;
import jakarta.inject.Provider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's object graph. It binds and builds; it starts no thread and opens no file (the storage
 * provider arrives already open, and services start in {@link ParleyServer}). Guice stays inside the kernel:
 * plugins see only {@link io.parley.api.plugin.PluginContext}.
 */
final class KernelModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(KernelModule.class);

    private final KernelConfig config;
    private final TrackedConfig rootConfig;
    private final List<ImPlugin> plugins;
    private final StorageProvider storage;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;

    private final ClusterProvider cluster;
    private final ClusterSettings clusterSettings;

    private final StopHooks stopHooks;
    /** Why creating the plugins' instances failed, once it has: told again rather than creating them again. */
    private RuntimeException pluginsFailed;

    /**
     * @param stopHooks what is closed at stop (the plugins' instances, what they registered); made by the server, so
     *     that it can close what was created even when the injector itself fails to be built
     */
    KernelModule(KernelConfig config, TrackedConfig rootConfig, List<ImPlugin> plugins, StorageProvider storage,
            ClusterProvider cluster, ClusterSettings clusterSettings, PrometheusMeterRegistry registry, Clock clock,
            StopHooks stopHooks) {
        this.stopHooks = stopHooks;
        this.cluster = cluster;
        this.clusterSettings = clusterSettings;
        this.config = config;
        this.rootConfig = rootConfig;
        this.plugins = plugins;
        this.storage = storage;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(KernelConfig.class).toInstance(config);
        bind(TrackedConfig.class).toInstance(rootConfig);
        bind(StorageProvider.class).toInstance(storage);
        bind(PrometheusMeterRegistry.class).toInstance(registry);
        bind(Clock.class).toInstance(clock);
        bind(NettyGroups.class).in(Singleton.class);
        bind(StopHooks.class).toInstance(stopHooks);
        bind(HttpEndpoints.class).in(Singleton.class);
        bind(Readiness.class).in(Singleton.class);
        bind(StatisticsRecorder.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    StatisticsConfig statisticsConfig() {
        return StatisticsConfig.read(rootConfig);
    }

    @Provides
    @Singleton
    StatisticsStore statisticsStore() {
        return new StatisticsStore(storage.metadata());
    }

    @Provides
    @Singleton
    StatisticsApi statisticsApi(StatisticsStore store) {
        return new StatisticsApi(store, clock);
    }

    @Provides
    @Singleton
    ServerOverview overview(SessionRegistry sessions, Readiness readiness) {
        return new ServerOverview(sessions, plugins, registry, rootConfig, readiness, Map.of(StorageProvider.class,
                config.storageProvider(), ClusterProvider.class, clusterSettings.provider()));
    }

    @Provides
    @Singleton
    KernelMetrics metrics() {
        return new KernelMetrics(registry);
    }

    @Provides
    @Singleton
    HealthMonitor healthMonitor(Readiness readiness, MessagePipeline pipeline) {
        return new HealthMonitor(readiness, storage, pipeline::busyReason, registry, config.dataDir(), clusterSettings,
                cluster.distributed(), cluster::nodes, HealthThresholds.read(rootConfig), clock);
    }

    @Provides
    @Singleton
    ScheduledExecutorService scheduler() {
        return Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "parley-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Provides
    @Singleton
    SessionRegistry sessions(StatisticsRecorder statistics) {
        return new SessionRegistry(config.multiDevice(), cluster.directory(), statistics);
    }

    @Provides
    @Singleton
    ClusterRouter clusterRouter(SessionRegistry sessions) {
        return new ClusterRouter(cluster, clusterSettings, sessions, registry);
    }

    /** What plugins and kernel services see as "online": this node alone, or every node of the cluster. */
    @Provides
    @Singleton
    OnlineDirectory onlineDirectory(SessionRegistry sessions, ClusterRouter router) {
        return router.distributed() ? new ClusterOnlineDirectory(sessions, router) : sessions;
    }

    @Provides
    @Singleton
    TokenService tokens(StatisticsRecorder statistics) {
        return new TokenService(config.appSecret(), clock, config.tokenTtl(), storage.metadata(),
                statistics::tokenIssued);
    }

    /**
     * The plugins' instances, created here once (dependencies first). What their contexts lend that is built after
     * them (the write path, the conversation service) answers once {@link PluginInstances#start()} has begun; before
     * that it throws, telling the plugin to publish from {@code start()} on.
     */
    @Provides
    @Singleton
    PluginInstances pluginInstances(ScheduledExecutorService scheduler, OnlineDirectory sessions,
            Provider<MessagePipeline> pipeline, Provider<BusinessTypeRegistry> businessTypes, StopHooks stopHooks,
            Provider<EventBus> events, ClusterRouter router) {
        AtomicBoolean wired = new AtomicBoolean();
        Supplier<MessagePipeline> writePath = () -> {
            if (!wired.get()) {
                throw new IllegalStateException("the write path is not built yet: keep the publisher or conversation"
                        + " service and use it from PluginInstance.start() on");
            }
            return pipeline.get();
        };
        KernelPluginContext context = new KernelPluginContext(rootConfig, clock, scheduler,
                new MicrometerPluginMetrics(registry), () -> storage, writePath::get,
                pluginName -> {
                    // the write path first: before start() it throws a plain IllegalStateException, where asking
                    // Guice for the business types would fail on the plugins still being created
                    MessagePipeline notices = writePath.get();
                    return new PluginConversations(businessTypes.get(), notices, pluginName);
                }, sessions,
                stopHooks, () -> events.get()::publish, cluster.sharedRateLimits(), cluster.sharedCounters(),
                router::openTopic);
        if (pluginsFailed != null) {
            throw pluginsFailed;
        }
        try {
            return PluginInstances.create(plugins, rootConfig, context, stopHooks, () -> wired.set(true));
        } catch (RuntimeException e) {
            // Guice asks again for each binding that needs the instances: a plugin is created once per start
            pluginsFailed = e;
            throw e;
        }
    }

    @Provides
    @Singleton
    PluginContributions contributions(PluginInstances instances) {
        return instances.contributions();
    }

    @Provides
    @Singleton
    EventBus events(PluginContributions contributions) {
        return new EventBus(contributions.listeners(), registry);
    }

    @Provides
    @Singleton
    InterceptorChain interceptors(PluginContributions contributions, ConversationAccess access, RecallMarks recalls,
            ConversationStates states, ReadReceipts receipts) {
        List<String> order = rootConfig.get("interceptors.order").map(value -> Arrays.stream(value.split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList()).orElse(List.of());
        List<MessageInterceptor> all = new ArrayList<>(contributions.interceptors());
        // the kernel's own steps have side effects, so they run last, once every plugin has let the message pass
        all.add(new KernelStep(new RecallInterceptor(access, recalls, clock,
                rootConfig.getDuration("message.recall-window", Duration.ofMinutes(2)))));
        all.add(new KernelStep(new ReadSyncInterceptor(states)));
        all.add(new KernelStep(new ReceiptInterceptor(receipts, access, clock)));
        all.add(new KernelStep(new PeerReadInterceptor(states, clock)));
        return new InterceptorChain(all, order, registry);
    }

    @Provides
    @Singleton
    ConversationAccess conversationAccess(GroupDirectory groups, BusinessTypeRegistry businessTypes) {
        return new ConversationAccess(groups, storage.messages(), businessTypes);
    }

    @Provides
    @Singleton
    BusinessTypeRegistry businessTypes(PluginContributions contributions, GroupDirectory groups, GroupMutes mutes,
            GroupSettings groupSettings, PrivateChatBans chatBans) {
        List<BusinessType> businessTypes = new ArrayList<>(List.of(new PrivateBusinessType(chatBans),
                new GroupBusinessType(groups, mutes, groupSettings.historyBeforeJoin()), new SystemBusinessType()));
        businessTypes.addAll(contributions.businessTypes());
        return new BusinessTypeRegistry(businessTypes);
    }

    @Provides
    @Singleton
    RecallMarks recallMarks() {
        return new RecallMarks(storage.metadata());
    }

    @Provides
    @Singleton
    ConversationStates conversationStates(OnlineDirectory sessions) {
        return new ConversationStates(storage.metadata(), sessions);
    }

    @Provides
    @Singleton
    ReadReceipts readReceipts() {
        return new ReadReceipts(storage.metadata());
    }

    @Provides
    @Singleton
    ExpansionService expansions(ConversationAccess access, MessagePipeline pipeline) {
        return new ExpansionService(storage.metadata(), access, pipeline, clock);
    }

    @Provides
    @Singleton
    ConversationListService conversationList(ConversationStates states, RecallMarks recalls, GroupDirectory groups,
            GroupSettings groupSettings) {
        return new ConversationListService(storage.messages(), states, recalls, groups,
                groupSettings.historyBeforeJoin(), clock, config.offlineRetention());
    }

    @Provides
    @Singleton
    OfflinePushRequester offlinePushes(ConversationStates states, ConversationListService conversations,
            EventBus events, StopHooks stopHooks, UserRemarks userRemarks, GroupRemarks groupRemarks) {
        OfflinePushRequester pushes = new OfflinePushRequester(states, conversations, events::publish,
                events::hasListeners, new PushAliases(userRemarks, groupRemarks), clock, registry);
        stopHooks.add(pushes);
        return pushes;
    }

    @Provides
    @Singleton
    StripedExecutor stripes() {
        return new StripedExecutor(config.stripes(), config.maxQueuedPerStripe());
    }

    @Provides
    @Singleton
    WorkerPool workers() {
        return new WorkerPool(config.workerThreads(), config.workerQueue());
    }

    @Provides
    @Singleton
    GroupSettings groupSettings() {
        return GroupSettings.read(rootConfig);
    }

    @Provides
    @Singleton
    GroupDirectory groups(GroupSettings settings) {
        return new GroupDirectory(storage.metadata(), settings.maxMembers());
    }

    @Provides
    @Singleton
    GroupMutes groupMutes() {
        return new GroupMutes(storage.metadata(), clock);
    }

    @Provides
    @Singleton
    UserDirectory users() {
        return new UserDirectory(storage.metadata());
    }

    @Provides
    @Singleton
    UserDeactivations userDeactivations() {
        return new UserDeactivations(storage.metadata());
    }

    @Provides
    @Singleton
    PrivateChatBans privateChatBans(ClusterRouter router, ScheduledExecutorService scheduler) {
        PrivateChatBans bans = new PrivateChatBans(storage.metadata());
        router.openTopic(PrivateChatBans.TOPIC, bans::heard).ifPresent(topic -> {
            bans.shareThrough(topic);
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    bans.reload();
                } catch (RuntimeException e) {
                    log.warn("the private-chat bans could not be reloaded; trying again in a minute: {}", e.toString());
                }
            }, 1, 1, TimeUnit.MINUTES);
        });
        return bans;
    }

    @Provides
    @Singleton
    BroadcastLog broadcastLog() {
        return new BroadcastLog(storage.metadata());
    }

    @Provides
    @Singleton
    UserRemarks userRemarks() {
        return new UserRemarks(storage.metadata());
    }

    @Provides
    @Singleton
    GroupRemarks groupRemarks() {
        return new GroupRemarks(storage.metadata());
    }

    @Provides
    @Singleton
    MessagePipeline pipeline(PluginContributions contributions, InterceptorChain interceptors,
            StripedExecutor stripes, SessionRegistry sessions, EventBus events, KernelMetrics metrics,
            BusinessTypeRegistry businessTypes, OfflinePushRequester pushes, ClusterRouter router,
            StatisticsRecorder statistics) {
        return new MessagePipeline(businessTypes,
                new MessageTypeRegistry(plugins.stream().flatMap(plugin -> plugin.messageTypes().stream()).toList()),
                interceptors, storage.messages(), stripes, new DeliveryService(sessions, events, pushes, router), events,
                new MessageUidGenerator(), new CommitHooks(contributions.commitHooks(), registry), metrics, statistics,
                clock,
                config.maxContentBytes(), config.maxInFlight());
    }

    @Provides
    @Singleton
    ProtocolServices protocolServices(TokenService tokens, SessionRegistry sessions, MessagePipeline pipeline,
            PluginContributions contributions, WorkerPool workers, EventBus events, KernelMetrics metrics,
            RecallMarks recalls, ExpansionService expansions, ConversationAccess access,
            ConversationListService conversationList, ConversationStates states, ReadReceipts receipts,
            GroupDirectory groups, GroupSettings groupSettings, BusinessTypeRegistry businessTypes,
            UserDeactivations deactivations, UserDirectory users) {
        List<ClientCommand> commands = new ArrayList<>();
        commands.addAll(new ExpansionCommands(expansions, access).commands());
        commands.addAll(new ConversationCommands(conversationList, states, clock).commands());
        commands.addAll(new ReceiptCommands(receipts, access).commands());
        commands.addAll(new ProfileCommands(users, groups, conversationList).commands());
        commands.add(new HistoryQueryCommand(storage.messages(), access, groups, recalls,
                groupSettings.historyBeforeJoin(), businessTypes));
        commands.addAll(contributions.commands());
        // the kernel's own guard first: a deactivated user is told so (31029) before any plugin's refusal
        List<ConnectionGuard> guards = new ArrayList<>();
        guards.add(new DeactivatedUserGuard(deactivations));
        guards.addAll(contributions.connectionGuards());
        return new ProtocolServices(config, TransportLimits.read(rootConfig), ServerTls.read(rootConfig), tokens, sessions, pipeline,
                new SyncService(storage.messages(), recalls, clock, config.offlineRetention(), businessTypes,
                        storage.capabilities().contains(StorageCapability.HISTORY_BY_TIME)), storage.messages(),
                storage.metadata(), new ClientCommandRegistry(commands),
                guards, workers, events, metrics, clock);
    }

    @Provides
    @Singleton
    HttpApiHandler httpApi(TokenService tokens, SessionRegistry sessions, MessagePipeline pipeline,
            PluginContributions contributions, WorkerPool workers, UserDirectory users, GroupDirectory groups,
            GroupMutes mutes, GroupSettings groupSettings, ExpansionService expansions, ConversationStates states,
            Provider<HttpTransport> http, BusinessTypeRegistry businessTypes, HttpEndpoints endpoints,
            HealthMonitor health, ClusterRouter router, OnlineDirectory online, UserDeactivations deactivations,
            PrivateChatBans chatBans, UserRemarks userRemarks, GroupRemarks groupRemarks, BroadcastLog broadcasts,
            StatisticsApi statisticsApi, StatisticsRecorder statistics) {
        List<io.parley.api.route.ServerApiRoute> routes = new ArrayList<>();
        HistoryConfig historyConfig = HistoryConfig.from(rootConfig);
        HourlyArchive archive = new HourlyArchive(storage.messages(), historyConfig, config.appKey(), clock);
        HistoryDownloads downloads = new HistoryDownloads(archive, config.appSecret(), clock, historyConfig.linkTtl());
        routes.addAll(new HistoryApi(storage.messages(), archive, downloads, () -> historyConfig.baseUrl().orElseGet(
                () -> "http://" + (config.bindHost().equals("0.0.0.0") ? "127.0.0.1" : config.bindHost()) + ":"
                        + http.get().port())).routes());
        routes.addAll(new UserApi(tokens, users, sessions, router, clock).routes());
        routes.addAll(new UserDeactivationApi(deactivations, online, clock).routes());
        routes.addAll(new UserChatBanApi(chatBans, clock).routes());
        routes.addAll(new UserRemarkApi(userRemarks).routes());
        routes.addAll(new PrivateMessageApi(pipeline).routes());
        routes.addAll(new GroupApi(groups, new GroupNotifier(pipeline, groupSettings.notifications()), clock).routes());
        routes.addAll(new GroupMuteApi(mutes).routes());
        routes.addAll(new GroupRemarkApi(groupRemarks, groups).routes());
        routes.addAll(new GroupMessageApi(pipeline).routes());
        routes.addAll(new SystemMessageApi(pipeline, users, sessions, broadcasts).routes());
        routes.addAll(new DiscussionApi().routes());
        routes.addAll(new RecallApi(pipeline, businessTypes).routes());
        routes.addAll(new ExpansionApi(expansions, businessTypes).routes());
        routes.addAll(new ConversationApi(states).routes());
        routes.addAll(statisticsApi.routes());
        routes.addAll(contributions.routes());
        ServerApiDispatcher dispatcher = new ServerApiDispatcher(
                new SignatureVerifier(config.appKey(), config.appSecret(), clock, config.signatureMaxSkew()),
                new ReplayGuard(serverApiNonces(), config.signatureMaxSkew(), clock, registry),
                new RouteRegistry(routes, contributions.routeOwners()), contributions.apiGuards());
        return new HttpApiHandler(dispatcher, workers,
                config.metricsEnabled() ? Optional.of(registry) : Optional.empty(), Optional.of(downloads), endpoints,
                health, config.maxRequestBytes(), statistics);
    }

    /**
     * Where the server API remembers the nonces it has served: the cluster provider's shared store, else this node's
     * memory, bounded by {@code server-api.max-nonces} (its size is the gauge {@code im.server_api.nonces.remembered}).
     */
    private SharedOnceKeys serverApiNonces() {
        Optional<SharedOnceKeys> shared = cluster.sharedOnceKeys();
        if (shared.isPresent()) {
            return shared.get();
        }
        if (cluster.distributed()) {
            log.warn("the cluster provider shares no nonce store: each node remembers the server-API requests it"
                    + " served, and a request replayed to another node is not recognised");
        }
        LocalOnceKeys local = new LocalOnceKeys(config.maxNonces(), clock);
        Meters.gauge(registry, "im.server_api.nonces.remembered",
                "Signed server-API requests remembered on this node to refuse their replay", local, LocalOnceKeys::size);
        return local;
    }

    @Provides
    @Singleton
    TcpTransport tcp(NettyGroups groups, ProtocolServices services) {
        return new TcpTransport(groups, services);
    }

    @Provides
    @Singleton
    HttpTransport http(NettyGroups groups, ProtocolServices services, HttpApiHandler handler, HttpEndpoints endpoints) {
        return new HttpTransport(groups, services, handler, endpoints);
    }
}
