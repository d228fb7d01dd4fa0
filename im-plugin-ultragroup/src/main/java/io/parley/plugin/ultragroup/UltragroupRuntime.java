package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;

/** One server's ultragroup plugin: its objects, built once from the plugin context. */
final class UltragroupRuntime implements PluginInstance {
    private final Peers peers;
    final Ultragroups ultragroups;
    final PushPolicy push;
    final FanOut fanOut;
    private final PluginContext context;

    UltragroupRuntime(PluginContext context) {
        this.context = context;
        UltragroupConfig config = UltragroupConfig.from(context.config());
        Directory directory = new Directory(context.storage().metadata());
        OnlineMembers online = new OnlineMembers(directory, context.online());
        LocalDelivery delivery = new LocalDelivery(directory, online, context.online(), context.metrics());
        this.peers = new Peers(context, online, delivery);
        this.ultragroups = new Ultragroups(directory, config, context, online, peers);
        this.push = new PushPolicy(ultragroups, context);
        this.fanOut = new FanOut(ultragroups, delivery, peers, push);
        context.metrics().describe("im.ultragroup.online", "Ultragroup memberships of users online on this node")
                .gauge("im.ultragroup.online", online::total);
    }

    /** Stops the peers' worker and the push pass. */
    @Override
    public void close() {
        try {
            peers.close();
            push.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<BusinessType> businessTypes() {
        return List.of(new UltragroupBusinessType(ultragroups));
    }

    @Override
    public List<ImEventListener> listeners() {
        return List.of(ultragroups.online(), fanOut);
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes() {
        List<ServerApiRoute> routes = new ArrayList<>(new UltragroupApi(ultragroups, context).routes());
        routes.addAll(new UltragroupHistoryApi(ultragroups, context.storage().capabilities()).routes());
        return routes;
    }

    @Override
    public List<ClientCommand> clientCommands() {
        return new UltragroupCommands(ultragroups, context.online()).commands();
    }
}
