package io.parley.plugin.ultragroup;

import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import java.util.List;

/**
 * The ultragroup plugin: Discord-like communities with channels, user groups and editable messages, by read
 * diffusion. It contributes the ultragroup business type (one durable log per channel, no inbox copies), a
 * fan-out listener that tells online members only, a presence listener that keeps the online members of each
 * group, the {@code ultragroup.*} client commands and the {@code /ultragroup/...} server-API routes. See
 * {@code docs/plugins/ultragroup.md}.
 *
 * <p>The plugin makes one {@link UltragroupRuntime} per server.
 */
public final class UltragroupPlugin implements ImPlugin {
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
    public PluginInstance create(PluginContext context) {
        return new UltragroupRuntime(context);
    }
}
