package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEventListener;
import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ultragroup plugin: Discord-like communities with channels, user groups and editable messages, by read
 * diffusion. It contributes the ultragroup business type (one durable log per channel, no inbox copies), a
 * fan-out listener that tells online members only, a presence listener that keeps the online members of each
 * group, the {@code ultragroup.*} client commands and the {@code /ultragroup/...} server-API routes. See
 * {@code docs/plugins/ultragroup.md}.
 *
 * <p>Its one field is a cache: the getters share one {@link UltragroupRuntime} per context (the kernel calls
 * the getters of one plugin with one context object).
 */
public final class UltragroupPlugin implements ImPlugin {
    private final Map<PluginContext, UltragroupRuntime> runtimes = new IdentityHashMap<>();

    /** Also the prefix of this plugin's config keys ({@code ultragroup.*}). */
    @Override
    public String name() {
        return "ultragroup";
    }

    @Override
    public List<MessageType> messageTypes() {
        return List.of(new MessageType(Ultragroups.MODIFY_NOTE, MessageKind.STORED));
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

    UltragroupRuntime runtime(PluginContext context) {
        synchronized (runtimes) {
            return runtimes.computeIfAbsent(context, UltragroupRuntime::new);
        }
    }
}
