package io.parley.plugin.ultragroup;

import io.parley.api.plugin.ImPlugin;

/**
 * The ultragroup plugin: Discord-like ultragroups with channels, user groups and editable messages. It
 * will contribute the {@code ultragroup} business type (read diffusion from a durable log per channel), the
 * ultragroup message types, client commands for channel sync, and the {@code /ultragroup/...} server-API
 * routes.
 *
 * <p>This is a shell until its issue lands: it only names itself and contributes nothing yet.
 */
public final class UltragroupPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code ultragroup.*}). */
    @Override
    public String name() {
        return "ultragroup";
    }
}
