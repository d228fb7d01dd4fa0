package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.MetadataRecords.read;
import static io.parley.plugin.ultragroup.MetadataRecords.write;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels of each ultragroup and who may use them: {@code ultragroup.channels} (group/channel →
 * {@link ChannelInfo}) and {@code ultragroup.private} (group/channel/user, the users listed on a private channel);
 * a private channel is also open to the members of the user groups bound to it ({@link UserGroups}). The default
 * channel ({@code ""}) is not stored: it exists while its group does. Thread-safe; blocks on storage.
 */
final class Channels {
    private static final String CHANNELS = "ultragroup.channels";      // group/channel -> ChannelInfo
    private static final String PRIVATE = "ultragroup.private";        // group/channel/user -> ""

    /**
     * A channel: 0 public, 1 private. {@code floorSeq} is its log's head when it was created: a channel deleted
     * and created again with the same id continues its log, and readers see only what is above the floor.
     */
    record ChannelInfo(int type, long createTime, long floorSeq) {
        ChannelInfo withType(int newType) {
            return new ChannelInfo(newType, createTime, floorSeq);
        }
    }

    private final MetadataRecords records;
    private final GroupMembers groups;
    private final UserGroups userGroups;

    Channels(MetadataRecords records, GroupMembers groups, UserGroups userGroups) {
        this.records = records;
        this.groups = groups;
        this.userGroups = userGroups;
    }

    Optional<ChannelInfo> channel(String groupId, String channelId) {
        if (channelId.isEmpty()) {
            return groups.group(groupId).map(g -> new ChannelInfo(0, g.createTime(), 0));
        }
        return records.get(CHANNELS, groupId + "/" + channelId).map(json -> read(json, ChannelInfo.class));
    }

    /** Every channel but the default one, in id order. */
    Map<String, ChannelInfo> channels(String groupId) {
        Map<String, ChannelInfo> result = new LinkedHashMap<>();
        records.scan(CHANNELS, groupId + "/").forEach((key, json) ->
                result.put(key.substring(groupId.length() + 1), read(json, ChannelInfo.class)));
        return result;
    }

    void putChannel(String groupId, String channelId, ChannelInfo info) {
        records.put(CHANNELS, groupId + "/" + channelId, write(info));
    }

    void setPrivateUser(String groupId, String channelId, String userId, boolean on) {
        records.set(PRIVATE, groupId + "/" + channelId + "/" + userId, on);
    }

    List<String> privateUsers(String groupId, String channelId) {
        return records.suffixes(PRIVATE, groupId + "/" + channelId + "/");
    }

    /**
     * Whether a member may read and send in a channel: every member in a public channel; in a private one, the
     * users on its list and the members of a user group bound to it. O(the user's user groups in this group).
     */
    boolean mayAccess(String groupId, String channelId, String userId, ChannelInfo channel) {
        if (channel.type() == 0) {
            return true;
        }
        if (records.present(PRIVATE, groupId + "/" + channelId + "/" + userId)) {
            return true;
        }
        for (String userGroup : userGroups.userGroupsOf(groupId, userId)) {
            if (userGroups.isBound(groupId, channelId, userGroup)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes a channel's record and its private list; see {@link Directory#deleteChannel} for the rest. */
    void deleteChannel(String groupId, String channelId) {
        records.delete(CHANNELS, groupId + "/" + channelId);
        records.deleteUnder(PRIVATE, groupId + "/" + channelId + "/");
    }

    /** Removes every channel of a dismissed group and their private lists. */
    void forgetGroup(String groupId) {
        for (String namespace : List.of(CHANNELS, PRIVATE)) {
            records.deleteUnder(namespace, groupId + "/");
        }
    }
}
