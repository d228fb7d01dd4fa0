package io.parley.builtin.group;

import io.parley.api.storage.MetadataStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may not speak in groups: members gagged in one group or in every group until a time (lifted by
 * itself when the time passes), whole groups muted, and the members exempt from a whole-group mute. Kept in
 * the metadata store. Thread-safe; every method may block on storage (the send path reads through the
 * store's own cache).
 */
final class GroupMutes {
    static final String GAGS = "kernel.group-gags";
    static final String GLOBAL_GAGS = "kernel.group-global-gags";
    static final String BANNED_GROUPS = "kernel.group-bans";
    static final String BAN_WHITELIST = "kernel.group-ban-whitelist";

    private final MetadataStore metadata;
    private final Clock clock;

    public GroupMutes(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    /** Gags {@code userId} in {@code groupId}, or in every group when it is empty, for {@code minutes}. */
    public void gag(Optional<String> groupId, String userId, long minutes) {
        String until = Long.toString(clock.millis() + minutes * 60_000);
        if (groupId.isPresent()) {
            metadata.put(GAGS, groupId.get() + "/" + userId, until);
        } else {
            metadata.put(GLOBAL_GAGS, userId, until);
        }
    }

    public void ungag(Optional<String> groupId, String userId) {
        if (groupId.isPresent()) {
            metadata.delete(GAGS, groupId.get() + "/" + userId);
        } else {
            metadata.delete(GLOBAL_GAGS, userId);
        }
    }

    /** Gagged users and their unmute time (epoch ms) in a group, or the global list; expired gags left out. */
    public Map<String, Long> gagged(Optional<String> groupId) {
        Map<String, Long> result = new LinkedHashMap<>();
        long now = clock.millis();
        Map<String, String> entries = groupId.map(id -> metadata.scan(GAGS, id + "/"))
                .orElseGet(() -> metadata.scan(GLOBAL_GAGS, ""));
        int prefix = groupId.map(id -> id.length() + 1).orElse(0);
        entries.forEach((key, until) -> {
            long untilMillis = Long.parseLong(until);
            if (untilMillis > now) {
                result.put(key.substring(prefix), untilMillis);
            }
        });
        return result;
    }

    public void ban(String groupId) {
        metadata.put(BANNED_GROUPS, groupId, "1");
    }

    public void unban(String groupId) {
        metadata.delete(BANNED_GROUPS, groupId);
    }

    public boolean isBanned(String groupId) {
        return metadata.get(BANNED_GROUPS, groupId).isPresent();
    }

    public Set<String> bannedGroups() {
        return new TreeSet<>(metadata.scan(BANNED_GROUPS, "").keySet());
    }

    public void allowDuringBan(String groupId, List<String> userIds) {
        userIds.forEach(userId -> metadata.put(BAN_WHITELIST, groupId + "/" + userId, "1"));
    }

    public void disallowDuringBan(String groupId, List<String> userIds) {
        userIds.forEach(userId -> metadata.delete(BAN_WHITELIST, groupId + "/" + userId));
    }

    public Set<String> banWhitelist(String groupId) {
        Set<String> users = new TreeSet<>();
        metadata.scan(BAN_WHITELIST, groupId + "/").keySet().forEach(key -> users.add(key.substring(groupId.length() + 1)));
        return users;
    }

    /** Why {@code userId} may not speak in {@code groupId} now, if they may not. */
    public Optional<String> silenceReason(String groupId, String userId) {
        long now = clock.millis();
        if (metadata.get(GAGS, groupId + "/" + userId).map(Long::parseLong).filter(until -> until > now).isPresent()) {
            return Optional.of("you are gagged in group " + groupId);
        }
        if (metadata.get(GLOBAL_GAGS, userId).map(Long::parseLong).filter(until -> until > now).isPresent()) {
            return Optional.of("you are gagged in every group");
        }
        if (isBanned(groupId) && metadata.get(BAN_WHITELIST, groupId + "/" + userId).isEmpty()) {
            return Optional.of("group " + groupId + " is muted");
        }
        return Optional.empty();
    }
}
