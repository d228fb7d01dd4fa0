package io.parley.plugin.chatroom;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;

/**
 * The chatroom plugin: RongCloud-style chatrooms, online only, with unlimited members and lossy delivery
 * under overload. It contributes the {@code chatroom} business type (read diffusion from an in-memory ring
 * per room), the {@code chatroom.*} client commands, a presence listener that removes members who went
 * away, and the {@code /chatroom/...} and {@code /message/chatroom/...} server-API routes. See
 * {@code docs/plugins/chatroom.md}.
 *
 * <p>The plugin makes one {@link ChatroomRuntime} per server, which holds the rooms.
 */
public final class ChatroomPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code chatroom.*}). */
    @Override
    public String name() {
        return "chatroom";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new ChatroomRuntime(context);
    }
}
