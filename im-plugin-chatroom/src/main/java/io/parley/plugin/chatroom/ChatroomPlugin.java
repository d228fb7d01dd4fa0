package io.parley.plugin.chatroom;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chatroom plugin: RongCloud-style chatrooms, online only, with unlimited members and lossy delivery
 * under overload. It contributes the {@code chatroom} business type (read diffusion from an in-memory ring
 * per room), the {@code chatroom.*} client commands, a presence listener that removes members who went
 * away, and the {@code /chatroom/...} and {@code /message/chatroom/...} server-API routes. See
 * {@code docs/plugins/chatroom.md}.
 *
 * <p>Its one field is a cache: the getters share one {@link ChatroomRuntime} per context, built on the
 * starting thread by the first getter (the kernel calls the getters of one plugin with one context object).
 * The cache lives as long as this instance, which the kernel loads once per server.
 */
public final class ChatroomPlugin implements ImPlugin {
    private final Map<PluginContext, ChatroomRuntime> runtimes = new IdentityHashMap<>();

    /** Also the prefix of this plugin's config keys ({@code chatroom.*}). */
    @Override
    public String name() {
        return "chatroom";
    }

    @Override
    public List<BusinessType> businessTypes(PluginContext context) {
        return runtime(context).businessTypes();
    }

    @Override
    public List<ImEventListener> listeners(PluginContext context) {
        return runtime(context).listeners();
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes(PluginContext context) {
        return runtime(context).routes();
    }

    @Override
    public List<ClientCommand> clientCommands(PluginContext context) {
        return runtime(context).commands();
    }

    private ChatroomRuntime runtime(PluginContext context) {
        synchronized (runtimes) {
            return runtimes.computeIfAbsent(context, ChatroomRuntime::new);
        }
    }
}
