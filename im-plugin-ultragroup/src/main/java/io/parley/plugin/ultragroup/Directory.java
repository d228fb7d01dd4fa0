package io.parley.plugin.ultragroup;

import io.parley.api.storage.MetadataStore;

/**
 * Everything the plugin keeps, in the {@link MetadataStore} under namespaces {@code ultragroup.*}, as one store per
 * subject: {@link #groups()} (groups and members), {@link #channels()} (channels and who may use them),
 * {@link #userGroups()}, {@link #mutes()}, {@link #levels()} (do-not-disturb), {@link #reads()} (read positions and
 * mentions) and {@link #edits()}. This class removes what spans several of them: a dismissed group, a deleted
 * channel, a member who quits.
 *
 * <p>Every key is built so that one user's or one group's entries are one prefix scan, and every membership change
 * writes a constant number of keys: a join or quit is O(1) whatever the group's size, and nothing is written per
 * message except mentions (one key per mentioned user, or one per {@code @all}) and read positions.
 * Thread-safe (the store is); blocks on storage.
 */
final class Directory {
    private final GroupMembers groups;
    private final Channels channels;
    private final UserGroups userGroups;
    private final ChannelMutes mutes;
    private final NotDisturbLevels levels;
    private final ReadPositions reads;
    private final MessageEdits edits;

    Directory(MetadataStore store) {
        MetadataRecords records = new MetadataRecords(store);
        this.groups = new GroupMembers(records);
        this.userGroups = new UserGroups(records);
        this.channels = new Channels(records, groups, userGroups);
        this.mutes = new ChannelMutes(records);
        this.levels = new NotDisturbLevels(records);
        this.reads = new ReadPositions(records);
        this.edits = new MessageEdits(records);
    }

    GroupMembers groups() {
        return groups;
    }

    Channels channels() {
        return channels;
    }

    UserGroups userGroups() {
        return userGroups;
    }

    ChannelMutes mutes() {
        return mutes;
    }

    NotDisturbLevels levels() {
        return levels;
    }

    ReadPositions reads() {
        return reads;
    }

    MessageEdits edits() {
        return edits;
    }

    /**
     * Removes a dismissed group: its record and memberships, channels, user groups, mutes, default levels and
     * {@code @all} mentions. Members' own read positions, mentions and levels are left.
     */
    void deleteGroup(String groupId) {
        groups.deleteGroup(groupId);
        channels.forgetGroup(groupId);
        userGroups.forgetGroup(groupId);
        mutes.forgetGroup(groupId);
        levels.forgetGroup(groupId);
        reads.forgetGroup(groupId);
    }

    /** Removes a channel: its record, private list, user-group bindings, mutes and the group's level for it. */
    void deleteChannel(String groupId, String channelId) {
        channels.deleteChannel(groupId, channelId);
        userGroups.forgetChannel(groupId, channelId);
        mutes.forgetChannel(groupId, channelId);
        levels.forgetChannel(groupId, channelId);
    }

    /** Removes a member: its membership and its places in the group's user groups. */
    void removeMember(String groupId, String userId) {
        groups.removeMembership(groupId, userId);
        for (String userGroup : userGroups.userGroupsOf(groupId, userId)) {
            userGroups.removeUserGroupMember(groupId, userGroup, userId);
        }
    }
}
