package io.parley.plugin.moderation;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;

/**
 * The moderation plugin: sensitive words, the message callback, bans, black and white lists, and rate limits,
 * configured under {@code moderation.*} (see {@code docs/plugins/moderation.md}). Its one {@link Moderation} per
 * server contributes message interceptors, a connection guard, a server-API guard and the server-API routes that
 * manage words, bans and lists. Without its jar the server runs unmoderated.
 */
public final class ModerationPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code moderation.*}). */
    @Override
    public String name() {
        return "moderation";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new Moderation(context);
    }
}
