package io.parley.builtin.group;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;

/**
 * Group settings, the {@code group} plugin's config: {@code group.max-members} (3000), {@code group.notifications}
 * (true: membership changes write an {@code RC:GrpNtf} into the group) and {@code group.history-before-join} (false:
 * a new member does not see messages from before joining).
 */
record GroupSettings(int maxMembers, boolean notifications, boolean historyBeforeJoin) {
    public GroupSettings {
        if (maxMembers < 1) {
            throw ImException.invalidParameter("group.max-members must be at least 1");
        }
    }

    /** Reads the plugin's subtree ({@code group.*}, without the prefix). */
    static GroupSettings read(PluginConfig config) {
        return new GroupSettings(config.getInt("max-members", 3000),
                config.getBoolean("notifications", true),
                config.getBoolean("history-before-join", false));
    }
}
