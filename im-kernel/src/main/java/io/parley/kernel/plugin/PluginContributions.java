package io.parley.kernel.plugin;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.CommitHook;
import io.parley.api.plugin.OfflineHook;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.MessageView;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.DownloadRoute;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the plugin instances contribute, gathered once at startup, in plugin order.
 *
 * @param routeOwners the name of the plugin that contributed each server-API route, by path
 * @param downloadRoutes the files served by unsigned GETs under a prefix, in plugin order
 */
public record PluginContributions(List<BusinessType> businessTypes, List<MessageInterceptor> interceptors,
        List<CommitHook> commitHooks, List<ImEventListener> listeners, List<ServerApiRoute> routes,
        List<ServerApiGuard> apiGuards, List<ConnectionGuard> connectionGuards, List<ClientCommand> commands,
        List<MessageView> messageViews, List<OfflineHook> offlineHooks, Map<String, String> routeOwners,
        List<DownloadRoute> downloadRoutes) {

    public static PluginContributions of(List<PluginInstance> instances) {
        return of(instances, instances.stream().map(instance -> "").toList());
    }

    /** @param names each instance's plugin name, in the same order */
    public static PluginContributions of(List<PluginInstance> instances, List<String> names) {
        Map<String, String> routeOwners = new HashMap<>();
        List<BusinessType> businessTypes = new ArrayList<>();
        List<MessageInterceptor> interceptors = new ArrayList<>();
        List<CommitHook> commitHooks = new ArrayList<>();
        List<ImEventListener> listeners = new ArrayList<>();
        List<ServerApiRoute> routes = new ArrayList<>();
        List<ServerApiGuard> apiGuards = new ArrayList<>();
        List<ConnectionGuard> connectionGuards = new ArrayList<>();
        List<ClientCommand> commands = new ArrayList<>();
        List<MessageView> messageViews = new ArrayList<>();
        List<DownloadRoute> downloadRoutes = new ArrayList<>();
        List<OfflineHook> offlineHooks = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            PluginInstance instance = instances.get(i);
            businessTypes.addAll(instance.businessTypes());
            interceptors.addAll(instance.interceptors());
            commitHooks.addAll(instance.commitHooks());
            listeners.addAll(instance.listeners());
            List<ServerApiRoute> own = instance.serverApiRoutes();
            routes.addAll(own);
            for (ServerApiRoute route : own) {
                routeOwners.putIfAbsent(route.path(), names.get(i));
            }
            apiGuards.addAll(instance.serverApiGuards());
            connectionGuards.addAll(instance.connectionGuards());
            commands.addAll(instance.clientCommands());
            messageViews.addAll(instance.messageViews());
            offlineHooks.addAll(instance.offlineHooks());
            downloadRoutes.addAll(instance.downloadRoutes());
        }
        return new PluginContributions(List.copyOf(businessTypes), List.copyOf(interceptors),
                List.copyOf(commitHooks), List.copyOf(listeners), List.copyOf(routes), List.copyOf(apiGuards),
                List.copyOf(connectionGuards), List.copyOf(commands), List.copyOf(messageViews),
                List.copyOf(offlineHooks), Map.copyOf(routeOwners), List.copyOf(downloadRoutes));
    }
}
