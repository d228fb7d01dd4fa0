package io.parley.plugin.chatroom;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server's chatroom plugin: the business type, the routes, the commands and the listener, sharing one registry.
 * Building it reads config and loads the settings from metadata; {@link #start()} creates the keep-alive rooms
 * again, joins the other nodes and schedules the sweeper. Thread-safe.
 */
final class ChatroomRuntime implements PluginInstance {
    private final PluginContext context;
    private final ChatroomConfig config;
    private final ChatroomSettings settings;
    private final RoomPeers peers;
    private final ChatroomMetrics metrics;
    private final ChatroomRegistry registry;
    private final ChatroomBusinessType businessType;
    private final ChatroomCommands commands;
    private final PresenceWatcher presence;
    private final List<ServerApiRoute> routes;
    private final MemberNotices notices;

    ChatroomRuntime(PluginContext context) {
        this.context = context;
        this.config = ChatroomConfig.from(context.config());
        this.settings = new ChatroomSettings(context.storage().metadata());
        RoomHistory history = new RoomHistory(context.storage().messages(), context.storage().metadata(),
                RoomHistory.enabledBy(context.rootConfig()));
        this.peers = new RoomPeers(context);
        this.registry = new ChatroomRegistry(config, context.online(), context.clock(), history, peers);
        this.notices = new MemberNotices(registry, peers);
        this.metrics = new ChatroomMetrics(context.metrics(), registry::roomCount);
        // in a cluster, a message numbered by the shared counter is fanned out on the scheduler, not on Redis's thread
        this.businessType = new ChatroomBusinessType(registry, settings, context.online(), metrics, context.clock(),
                history, context.scheduler());
        this.commands = new ChatroomCommands(registry, config, context.clock(), history, context::publisher);
        this.presence = new PresenceWatcher(registry, context.online(), context.scheduler(), config.disconnectGrace());
        List<ServerApiRoute> all = new ArrayList<>();
        all.addAll(new RoomApi(registry, settings, context.clock()).routes());
        all.addAll(new MemberApi(registry).routes());
        all.addAll(new GagApi(registry, settings, context.clock(), peers, notices).routes());
        all.addAll(new BanApi(registry, peers, context.clock(), notices).routes());
        all.addAll(new BlockApi(registry, context.clock(), notices).routes());
        all.addAll(new ListsApi(registry, settings).routes());
        all.addAll(new KeepAliveApi(registry, settings).routes());
        all.addAll(new EntryApi(registry, context::publisher, context.clock()).routes());
        all.addAll(new RoomMessageApi(registry, context::publisher).routes());
        this.routes = List.copyOf(all);
    }

    @Override
    public void start() {
        peers.start(registry, metrics, notices);
        settings.keepAlive().sorted().forEach(id -> registry.create(id, id));
        long sweepMillis = config.sweepInterval().toMillis();
        context.scheduler().scheduleWithFixedDelay(new RoomSweeper(registry, settings, context.clock()), sweepMillis,
                sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<BusinessType> businessTypes() {
        return List.of(businessType);
    }

    @Override
    public List<ClientCommand> clientCommands() {
        return commands.commands();
    }

    @Override
    public List<ImEventListener> listeners() {
        return List.of(presence);
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes() {
        return routes;
    }
}
