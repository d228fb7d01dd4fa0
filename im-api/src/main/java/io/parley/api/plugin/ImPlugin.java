package io.parley.api.plugin;

import io.parley.api.event.ImEventListener;
import io.parley.api.model.MessageType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * A plugin's one entry point, listed in {@code META-INF/services/io.parley.api.plugin.ImPlugin} and found
 * by {@link java.util.ServiceLoader}. It should hold no state and do no I/O: each getter returns what the
 * plugin contributes, and a plugin overrides only the getters it needs.
 *
 * <p>The kernel calls the getters once, at startup, on the starting thread, in plugin order, after the
 * storage provider is open. They may read config and build objects; they must not start threads (use
 * {@link PluginContext#scheduler()}) or block on the network.
 */
public interface ImPlugin {

    /** A unique, kebab-case name; also the prefix of the plugin's config keys. Two plugins with one name fail startup. */
    String name();

    /** Message types this plugin defines, with how each is kept. */
    default List<MessageType> messageTypes() {
        return List.of();
    }

    /** Replaceable services: storage, push vendors, routing sinks. Made by name, chosen by config. */
    default List<ProviderFactory<?>> providerFactories() {
        return List.of();
    }

    /** Conversation types this plugin serves. */
    default List<BusinessType> businessTypes(PluginContext context) {
        return List.of();
    }

    /** Interceptors that may continue, replace or reject a message before commit. */
    default List<MessageInterceptor> interceptors(PluginContext context) {
        return List.of();
    }

    /** Listeners of what happened: commits, deliveries, presence. */
    default List<ImEventListener> listeners(PluginContext context) {
        return List.of();
    }

    /** Server-API endpoints ({@code /<area>/<action>.json}). */
    default List<ServerApiRoute> serverApiRoutes(PluginContext context) {
        return List.of();
    }

    /** Checks run before every server-API route: rate limits and the like. */
    default List<ServerApiGuard> serverApiGuards(PluginContext context) {
        return List.of();
    }

    /** Checks run when a device connects: bans and the like. */
    default List<ConnectionGuard> connectionGuards(PluginContext context) {
        return List.of();
    }

    /** Client-protocol commands, carried in COMMAND frames. */
    default List<ClientCommand> clientCommands(PluginContext context) {
        return List.of();
    }
}
