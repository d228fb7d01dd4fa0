package io.parley.plugin.ultragroup;

import java.util.List;

/**
 * Who may not send where: {@code ultragroup.banned} (group/channel/user, a muted member), {@code ultragroup.all-banned}
 * (group/channel, everyone muted) and {@code ultragroup.whitelist} (group/channel/user, who may still send while
 * everyone is muted). The channel {@code ""} stands for the whole group. Thread-safe; blocks on storage.
 */
final class ChannelMutes {
    private static final String BANNED = "ultragroup.banned";          // group/channel/user -> ""
    private static final String ALL_BANNED = "ultragroup.all-banned";  // group/channel -> ""
    private static final String WHITELIST = "ultragroup.whitelist";    // group/channel/user -> ""

    private final MetadataRecords records;

    ChannelMutes(MetadataRecords records) {
        this.records = records;
    }

    void setBanned(String groupId, String channelId, String userId, boolean on) {
        records.set(BANNED, groupId + "/" + channelId + "/" + userId, on);
    }

    List<String> banned(String groupId, String channelId) {
        return records.suffixes(BANNED, groupId + "/" + channelId + "/");
    }

    void setAllBanned(String groupId, String channelId, boolean on) {
        records.set(ALL_BANNED, groupId + "/" + channelId, on);
    }

    boolean allBanned(String groupId, String channelId) {
        return records.present(ALL_BANNED, groupId + "/" + channelId);
    }

    void setWhitelisted(String groupId, String channelId, String userId, boolean on) {
        records.set(WHITELIST, groupId + "/" + channelId + "/" + userId, on);
    }

    List<String> whitelist(String groupId, String channelId) {
        return records.suffixes(WHITELIST, groupId + "/" + channelId + "/");
    }

    /** Whether a user may not send in a channel: muted there or group-wide, or everyone muted and not whitelisted. */
    boolean isMuted(String groupId, String channelId, String userId) {
        if (records.present(BANNED, groupId + "//" + userId)
                || records.present(BANNED, groupId + "/" + channelId + "/" + userId)) {
            return true;
        }
        boolean all = allBanned(groupId, "") || (!channelId.isEmpty() && allBanned(groupId, channelId));
        return all && !records.present(WHITELIST, groupId + "//" + userId)
                && !records.present(WHITELIST, groupId + "/" + channelId + "/" + userId);
    }

    /** The mutes of a deleted channel, in the order of {@link Directory#deleteChannel}. */
    void forgetChannel(String groupId, String channelId) {
        String prefix = groupId + "/" + channelId + "/";
        records.deleteUnder(BANNED, prefix);
        records.deleteUnder(WHITELIST, prefix);
        records.delete(ALL_BANNED, groupId + "/" + channelId);
    }

    /** Every mute of a dismissed group. */
    void forgetGroup(String groupId) {
        for (String namespace : List.of(BANNED, ALL_BANNED, WHITELIST)) {
            records.deleteUnder(namespace, groupId + "/");
        }
    }
}
