package io.parley.plugin.ultragroup;

import java.util.Optional;

/**
 * Do-not-disturb levels, RongCloud's numbering (-1 all, 0 default, 1 mentions, 2 @me, 4 @all, 5 nothing): the
 * group's defaults in {@code ultragroup.notdisturb} (group/channel → level, channel {@code ""} for the whole group)
 * and each member's own in {@code ultragroup.user-notdisturb} (user/group/channel → level). Thread-safe; blocks on
 * storage.
 */
final class NotDisturbLevels {
    private static final String NOT_DISTURB = "ultragroup.notdisturb"; // group/channel -> level (the group's default)
    private static final String USER_NOT_DISTURB = "ultragroup.user-notdisturb"; // user/group/channel -> level

    private final MetadataRecords records;

    NotDisturbLevels(MetadataRecords records) {
        this.records = records;
    }

    /** The group's default do-not-disturb level for a channel ("" for the whole group), if set. */
    Optional<Integer> groupLevel(String groupId, String channelId) {
        return records.get(NOT_DISTURB, groupId + "/" + channelId).map(Integer::parseInt);
    }

    void setGroupLevel(String groupId, String channelId, int level) {
        records.put(NOT_DISTURB, groupId + "/" + channelId, Integer.toString(level));
    }

    Optional<Integer> userLevel(String userId, String groupId, String channelId) {
        return records.get(USER_NOT_DISTURB, userId + "/" + groupId + "/" + channelId).map(Integer::parseInt);
    }

    void setUserLevel(String userId, String groupId, String channelId, int level) {
        records.put(USER_NOT_DISTURB, userId + "/" + groupId + "/" + channelId, Integer.toString(level));
    }

    /**
     * A member's level for a channel, most specific first: its own for the channel, its own for the group,
     * the group's for the channel, the group's; else 0.
     */
    int effectiveLevel(String userId, String groupId, String channelId) {
        return effectiveLevel(userId, groupId, channelId, groupDefaultLevel(groupId, channelId));
    }

    /** The group's level for a channel, falling back to the group's own; 0 when neither is set. */
    int groupDefaultLevel(String groupId, String channelId) {
        return groupLevel(groupId, channelId)
                .or(() -> channelId.isEmpty() ? Optional.empty() : groupLevel(groupId, ""))
                .orElse(0);
    }

    /** {@link #effectiveLevel(String, String, String)} with the group's default already read (once per push pass). */
    int effectiveLevel(String userId, String groupId, String channelId, int groupDefault) {
        return userLevel(userId, groupId, channelId)
                .or(() -> channelId.isEmpty() ? Optional.empty() : userLevel(userId, groupId, ""))
                .orElse(groupDefault);
    }

    /** The group's default level for a deleted channel (members' own levels are kept). */
    void forgetChannel(String groupId, String channelId) {
        records.delete(NOT_DISTURB, groupId + "/" + channelId);
    }

    /** The group's default levels of a dismissed group (members' own levels are kept). */
    void forgetGroup(String groupId) {
        records.deleteUnder(NOT_DISTURB, groupId + "/");
    }
}
