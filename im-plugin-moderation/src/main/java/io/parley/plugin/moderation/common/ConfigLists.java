package io.parley.plugin.moderation.common;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.PluginConfig;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Reads comma-separated config values. Static helpers; thread-safe. */
public final class ConfigLists {
    /** The value meaning "every one". */
    public static final String ALL = "*";

    private ConfigLists() {
    }

    /** The set of non-blank comma-separated values of {@code key}, or {@code defaultValue}'s. */
    public static Set<String> strings(PluginConfig config, String key, String defaultValue) {
        Set<String> result = new LinkedHashSet<>();
        for (String part : config.get(key, defaultValue).split(",")) {
            if (!part.isBlank()) {
                result.add(part.trim());
            }
        }
        return Set.copyOf(result);
    }

    /**
     * Conversation types named {@code private, group, chatroom, system, ultragroup} (or enum names, any case);
     * {@code *} means all.
     */
    public static Set<ConversationType> conversationTypes(PluginConfig config, String key) {
        Set<String> names = strings(config, key, ALL);
        if (names.contains(ALL)) {
            return Set.copyOf(EnumSet.allOf(ConversationType.class));
        }
        EnumSet<ConversationType> result = EnumSet.noneOf(ConversationType.class);
        for (String name : names) {
            String wanted = name.toUpperCase(Locale.ROOT).replace('-', '_');
            if (wanted.equals("ULTRAGROUP")) {
                wanted = "ULTRA_GROUP";
            }
            try {
                result.add(ConversationType.valueOf(wanted));
            } catch (IllegalArgumentException e) {
                throw ImException.invalidParameter("config moderation." + key
                        + " names an unknown conversation type '" + name + "' (private, group, chatroom, system, ultragroup)");
            }
        }
        return Set.copyOf(result);
    }
}
