package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;

/** One server's ultragroup objects, built once from the plugin context. */
final class UltragroupRuntime {
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
        Peers peers = new Peers(context, online, delivery);
        context.onStop(peers);
        this.ultragroups = new Ultragroups(directory, config, context, online, peers);
        this.push = new PushPolicy(ultragroups, context);
        context.onStop(push);
        this.fanOut = new FanOut(ultragroups, delivery, peers, push);
        context.metrics().gauge("im.ultragroup.online", online::total);
    }

    List<BusinessType> businessTypes() {
        return List.of(new UltragroupBusinessType(ultragroups));
    }

    List<ImEventListener> listeners() {
        return List.of(ultragroups.online(), fanOut);
    }

    List<ServerApiRoute> routes() {
        List<ServerApiRoute> routes = new ArrayList<>(new UltragroupApi(ultragroups, context).routes());
        routes.addAll(new UltragroupHistoryApi(ultragroups, context.storage().capabilities()).routes());
        return routes;
    }

    List<ClientCommand> commands() {
        return new UltragroupCommands(ultragroups, context.online()).commands();
    }
}
