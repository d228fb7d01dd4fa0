package io.parley.plugin.moderation;

import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * The moderation plugin: sensitive words, the message callback, bans, black and white lists, and rate limits,
 * configured under {@code moderation.*} (see {@code docs/plugins/moderation.md}). It contributes message
 * interceptors, a connection guard, a server-API guard and the server-API routes that manage words, bans and
 * lists. Without its jar the server runs unmoderated.
 *
 * <p>The kernel calls the getters once at startup, on the starting thread, with one context; they share one
 * {@link Moderation} built on the first call for that context (a word list, a ban store, …). The instance
 * keeps nothing else.
 */
public final class ModerationPlugin implements ImPlugin {
    private PluginContext builtFor;
    private Moderation moderation;

    /** Also the prefix of this plugin's config keys ({@code moderation.*}). */
    @Override
    public String name() {
        return "moderation";
    }

    @Override
    public List<MessageInterceptor> interceptors(PluginContext context) {
        return List.copyOf(moderation(context).interceptors);
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes(PluginContext context) {
        return List.copyOf(moderation(context).routes);
    }

    @Override
    public List<ServerApiGuard> serverApiGuards(PluginContext context) {
        return List.copyOf(moderation(context).apiGuards);
    }

    @Override
    public List<ConnectionGuard> connectionGuards(PluginContext context) {
        return List.copyOf(moderation(context).connectionGuards);
    }

    private synchronized Moderation moderation(PluginContext context) {
        if (builtFor != context) {
            moderation = new Moderation(context);
            builtFor = context;
        }
        return moderation;
    }
}
