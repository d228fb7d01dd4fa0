package io.parley.kernel.plugin;

import io.parley.api.event.ImEventListener;
import io.parley.api.model.MessageType;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.config.TrackedConfig;
import java.util.ArrayList;
import java.util.List;

/** Everything the plugins contribute, gathered once at startup, each plugin with its own config subtree. */
public record PluginContributions(List<MessageType> messageTypes, List<BusinessType> businessTypes,
        List<MessageInterceptor> interceptors, List<ImEventListener> listeners, List<ServerApiRoute> routes,
        List<ServerApiGuard> apiGuards, List<ConnectionGuard> connectionGuards, List<ClientCommand> commands) {

    public static PluginContributions gather(List<ImPlugin> plugins, TrackedConfig root, KernelPluginContext context) {
        List<MessageType> messageTypes = new ArrayList<>();
        List<BusinessType> businessTypes = new ArrayList<>();
        List<MessageInterceptor> interceptors = new ArrayList<>();
        List<ImEventListener> listeners = new ArrayList<>();
        List<ServerApiRoute> routes = new ArrayList<>();
        List<ServerApiGuard> apiGuards = new ArrayList<>();
        List<ConnectionGuard> connectionGuards = new ArrayList<>();
        List<ClientCommand> commands = new ArrayList<>();
        for (ImPlugin plugin : plugins) {
            KernelPluginContext own = context.withConfig(root.subset(plugin.name()));
            messageTypes.addAll(plugin.messageTypes());
            businessTypes.addAll(plugin.businessTypes(own));
            interceptors.addAll(plugin.interceptors(own));
            listeners.addAll(plugin.listeners(own));
            routes.addAll(plugin.serverApiRoutes(own));
            apiGuards.addAll(plugin.serverApiGuards(own));
            connectionGuards.addAll(plugin.connectionGuards(own));
            commands.addAll(plugin.clientCommands(own));
        }
        return new PluginContributions(List.copyOf(messageTypes), List.copyOf(businessTypes),
                List.copyOf(interceptors), List.copyOf(listeners), List.copyOf(routes), List.copyOf(apiGuards),
                List.copyOf(connectionGuards), List.copyOf(commands));
    }
}
