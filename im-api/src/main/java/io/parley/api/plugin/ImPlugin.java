package io.parley.api.plugin;

import io.parley.api.model.MessageType;
import java.util.List;

/**
 * A plugin's entry point, listed in {@code META-INF/services/io.parley.api.plugin.ImPlugin} and found by
 * {@link java.util.ServiceLoader} (on the class path, or in a jar of the plugins folder). It is a factory, as
 * Trino's {@code ConnectorFactory} is: it says what it is, and {@link #create} makes the one
 * {@link PluginInstance} a server runs. Keep it free of state and I/O.
 *
 * <p>At startup the kernel, on the starting thread: reads every plugin's {@link #messageTypes()} and
 * {@link #providerFactories()}; opens storage and the cluster; calls {@link #create} once per plugin, in dependency
 * order ({@link #dependsOn()}, then the order plugins were found); gathers each instance's contributions; then,
 * once the whole server is wired and before its ports open, calls {@link PluginInstance#start()} in the same order.
 * At stop it calls {@link PluginInstance#close()} in the reverse order, after the listeners have drained and
 * before storage closes.
 */
public interface ImPlugin {

    /**
     * A unique, kebab-case name; also the prefix of the plugin's config keys and the name other plugins list in
     * {@link #dependsOn()}. Two plugins with one name fail startup.
     */
    String name();

    /**
     * Names of plugins this one needs created and started before it (and closed after it). A name that no loaded
     * plugin has, or a cycle, fails startup naming it.
     */
    default List<String> dependsOn() {
        return List.of();
    }

    /** Message types this plugin defines, with how each is kept. Read before any instance is created. */
    default List<MessageType> messageTypes() {
        return List.of();
    }

    /**
     * Replaceable services: storage, cluster, push vendors, routing sinks. Made by name, chosen by config. Read
     * before any instance is created (storage and the cluster are opened from them).
     */
    default List<ProviderFactory<?>> providerFactories() {
        return List.of();
    }

    /**
     * Makes this server's one instance of the plugin. Called once, on the starting thread, with the context made for
     * this plugin (its config subtree). It may read config and metadata, open files and build objects (clients
     * included), and it may keep {@code context} to use later; it must not start threads, timers or work of its own nor
     * block on the network: do that in {@link PluginInstance#start()}. Throw to
     * fail startup; the message names the plugin. The default makes an instance that contributes nothing: enough for
     * a plugin of message types or providers only.
     */
    default PluginInstance create(PluginContext context) {
        return new PluginInstance() {
        };
    }
}
