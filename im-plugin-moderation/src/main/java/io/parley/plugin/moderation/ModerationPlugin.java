package io.parley.plugin.moderation;

import io.parley.api.plugin.ImPlugin;

/**
 * The moderation plugin: sensitive words, the message callback, bans, black and white lists, and rate
 * limits. It will contribute message interceptors that continue, replace or reject a message before commit,
 * and the server-API routes that manage word lists, bans and lists.
 *
 * <p>This is a shell until its issue lands: it only names itself and contributes nothing yet.
 */
public final class ModerationPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code moderation.*}). */
    @Override
    public String name() {
        return "moderation";
    }
}
