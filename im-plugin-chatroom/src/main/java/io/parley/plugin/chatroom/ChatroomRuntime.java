package io.parley.plugin.chatroom;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything one server's chatroom plugin is made of, built once per {@link PluginContext} (the kernel
 * passes one context object to all of a plugin's getters), so that the business type, the routes, the
 * commands and the listener share one registry. Building it reads config, loads the settings from metadata, creates
 * the keep-alive rooms again and schedules the sweeper. Thread-safe.
 */
final class ChatroomRuntime {
    private final ChatroomRegistry registry;
    private final ChatroomBusinessType businessType;
    private final ChatroomCommands commands;
    private final PresenceWatcher presence;
    private final List<ServerApiRoute> routes;

    ChatroomRuntime(PluginContext context) {
        ChatroomConfig config = ChatroomConfig.from(context.config());
        ChatroomSettings settings = new ChatroomSettings(context.storage().metadata());
        RoomHistory history = new RoomHistory(context.storage().messages(), RoomHistory.enabledBy(context.rootConfig()));
        RoomPeers peers = new RoomPeers(context);
        this.registry = new ChatroomRegistry(config, context.online(), context.clock(), history, peers);
        ChatroomMetrics metrics = new ChatroomMetrics(context.metrics(), registry::roomCount);
        peers.start(registry, metrics);
        this.businessType = new ChatroomBusinessType(registry, settings, context.online(), metrics, context.clock(),
                history);
        this.commands = new ChatroomCommands(registry, config, context.clock(), history);
        this.presence = new PresenceWatcher(registry, context.online(), context.scheduler(), config.disconnectGrace());
        List<ServerApiRoute> all = new ArrayList<>();
        all.addAll(new RoomApi(registry, settings, context.clock()).routes());
        all.addAll(new MemberApi(registry).routes());
        all.addAll(new GagApi(registry, settings, context.clock(), peers).routes());
        all.addAll(new BanApi(registry, peers).routes());
        all.addAll(new BlockApi(registry, context.clock()).routes());
        all.addAll(new ListsApi(registry, settings).routes());
        all.addAll(new KeepAliveApi(registry, settings).routes());
        all.addAll(new EntryApi(registry, context::publisher, context.clock()).routes());
        all.addAll(new RoomMessageApi(registry, context::publisher).routes());
        this.routes = List.copyOf(all);
        settings.keepAlive().sorted().forEach(id -> registry.create(id, id));
        long sweepMillis = config.sweepInterval().toMillis();
        context.scheduler().scheduleWithFixedDelay(new RoomSweeper(registry, settings, context.clock()), sweepMillis,
                sweepMillis, TimeUnit.MILLISECONDS);
    }

    List<BusinessType> businessTypes() {
        return List.of(businessType);
    }

    List<ClientCommand> commands() {
        return commands.commands();
    }

    List<ImEventListener> listeners() {
        return List.of(presence);
    }

    List<ServerApiRoute> routes() {
        return routes;
    }
}
