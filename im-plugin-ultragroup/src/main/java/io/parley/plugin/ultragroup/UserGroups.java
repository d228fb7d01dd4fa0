package io.parley.plugin.ultragroup;

import io.parley.api.error.ImException;
import java.util.List;

/**
 * The user groups of each ultragroup, their members and the channels they are bound to, each relation kept in
 * both directions: {@code ultragroup.ug} (group/userGroup), {@code ultragroup.ug-members} (group/userGroup/user),
 * {@code ultragroup.member-ugs} (group/user/userGroup), {@code ultragroup.bindings} (group/channel/userGroup) and
 * {@code ultragroup.channel-ugs} (group/userGroup/channel). Thread-safe; blocks on storage.
 */
final class UserGroups {
    private static final String USER_GROUP_DEFS = "ultragroup.ug";     // group/userGroup -> ""
    private static final String UG_MEMBERS = "ultragroup.ug-members";  // group/userGroup/user -> ""
    private static final String MEMBER_UGS = "ultragroup.member-ugs";  // group/user/userGroup -> ""
    private static final String BINDINGS = "ultragroup.bindings";      // group/channel/userGroup -> ""
    private static final String CHANNEL_UGS = "ultragroup.channel-ugs"; // group/userGroup/channel -> ""

    private final MetadataRecords records;

    UserGroups(MetadataRecords records) {
        this.records = records;
    }

    boolean userGroupExists(String groupId, String userGroupId) {
        return records.present(USER_GROUP_DEFS, groupId + "/" + userGroupId);
    }

    void requireUserGroup(String groupId, String userGroupId) {
        if (!userGroupExists(groupId, userGroupId)) {
            throw new ImException(UltragroupErrorCode.USER_GROUP_NOT_EXIST,
                    "ultragroup " + groupId + " has no user group " + userGroupId);
        }
    }

    void addUserGroup(String groupId, String userGroupId) {
        records.put(USER_GROUP_DEFS, groupId + "/" + userGroupId, "");
    }

    /** Removes a user group's members and bindings, then the user group. */
    void deleteUserGroup(String groupId, String userGroupId) {
        for (String user : userGroupMembers(groupId, userGroupId)) {
            removeUserGroupMember(groupId, userGroupId, user);
        }
        for (String channel : channelsOfUserGroup(groupId, userGroupId)) {
            bind(groupId, channel, userGroupId, false);
        }
        records.delete(USER_GROUP_DEFS, groupId + "/" + userGroupId);
    }

    List<String> userGroups(String groupId) {
        return records.suffixes(USER_GROUP_DEFS, groupId + "/");
    }

    void addUserGroupMember(String groupId, String userGroupId, String userId) {
        records.put(UG_MEMBERS, groupId + "/" + userGroupId + "/" + userId, "");
        records.put(MEMBER_UGS, groupId + "/" + userId + "/" + userGroupId, "");
    }

    void removeUserGroupMember(String groupId, String userGroupId, String userId) {
        records.delete(UG_MEMBERS, groupId + "/" + userGroupId + "/" + userId);
        records.delete(MEMBER_UGS, groupId + "/" + userId + "/" + userGroupId);
    }

    List<String> userGroupMembers(String groupId, String userGroupId) {
        return records.suffixes(UG_MEMBERS, groupId + "/" + userGroupId + "/");
    }

    List<String> userGroupsOf(String groupId, String userId) {
        return records.suffixes(MEMBER_UGS, groupId + "/" + userId + "/");
    }

    void bind(String groupId, String channelId, String userGroupId, boolean on) {
        records.set(BINDINGS, groupId + "/" + channelId + "/" + userGroupId, on);
        records.set(CHANNEL_UGS, groupId + "/" + userGroupId + "/" + channelId, on);
    }

    boolean isBound(String groupId, String channelId, String userGroupId) {
        return records.present(BINDINGS, groupId + "/" + channelId + "/" + userGroupId);
    }

    List<String> userGroupsOfChannel(String groupId, String channelId) {
        return records.suffixes(BINDINGS, groupId + "/" + channelId + "/");
    }

    List<String> channelsOfUserGroup(String groupId, String userGroupId) {
        return records.suffixes(CHANNEL_UGS, groupId + "/" + userGroupId + "/");
    }

    /** Removes the bindings of a deleted channel, both ways: no user group lists it any longer. */
    void forgetChannel(String groupId, String channelId) {
        for (String userGroupId : userGroupsOfChannel(groupId, channelId)) {
            records.delete(CHANNEL_UGS, groupId + "/" + userGroupId + "/" + channelId);
        }
        records.deleteUnder(BINDINGS, groupId + "/" + channelId + "/");
    }

    /** Removes everything of a dismissed group, in the order of {@link Directory#deleteGroup}. */
    void forgetGroup(String groupId) {
        for (String namespace : List.of(USER_GROUP_DEFS, UG_MEMBERS, MEMBER_UGS, BINDINGS, CHANNEL_UGS)) {
            records.deleteUnder(namespace, groupId + "/");
        }
    }
}
