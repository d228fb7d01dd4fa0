package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.MetadataRecords.read;
import static io.parley.plugin.ultragroup.MetadataRecords.write;

import io.parley.api.error.ImException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ultragroups and their members: {@code ultragroup.groups} (group → {@link GroupInfo}),
 * {@code ultragroup.members} (group/user → {@link Membership}) and {@code ultragroup.user-groups} (user/group, the
 * groups of a user). A join or quit writes two keys whatever the group's size. Thread-safe; blocks on storage.
 */
final class GroupMembers {
    private static final String GROUPS = "ultragroup.groups";          // group -> GroupInfo
    private static final String MEMBERS = "ultragroup.members";        // group/user -> Membership
    private static final String USER_GROUPS = "ultragroup.user-groups"; // user/group -> ""

    /** An ultragroup. {@code pushIntervalMillis} is -1 for the plugin's default. */
    record GroupInfo(String name, String owner, long createTime, long pushIntervalMillis) {
    }

    /** One member: when it joined, and each channel's head seq then (the first seq it may read is above it). */
    record Membership(long joinTime, Map<String, Long> floors) {
    }

    private final MetadataRecords records;

    GroupMembers(MetadataRecords records) {
        this.records = records;
    }

    Optional<GroupInfo> group(String groupId) {
        return records.get(GROUPS, groupId).map(json -> read(json, GroupInfo.class));
    }

    GroupInfo requireGroup(String groupId) {
        return group(groupId).orElseThrow(() -> new ImException(UltragroupErrorCode.NOT_EXIST,
                "no ultragroup " + groupId));
    }

    void putGroup(String groupId, GroupInfo info) {
        records.put(GROUPS, groupId, write(info));
    }

    /** Deletes the group's record and every membership of it (both directions); see {@link Directory#deleteGroup}. */
    void deleteGroup(String groupId) {
        records.delete(GROUPS, groupId);
        for (String key : records.keysUnder(MEMBERS, groupId + "/")) {
            records.delete(MEMBERS, key);
            records.delete(USER_GROUPS, key.substring(groupId.length() + 1) + "/" + groupId);
        }
    }

    Optional<Membership> membership(String groupId, String userId) {
        return records.get(MEMBERS, groupId + "/" + userId).map(json -> read(json, Membership.class));
    }

    boolean isMember(String groupId, String userId) {
        return records.present(MEMBERS, groupId + "/" + userId);
    }

    void addMember(String groupId, String userId, Membership membership) {
        records.put(MEMBERS, groupId + "/" + userId, write(membership));
        records.put(USER_GROUPS, userId + "/" + groupId, "");
    }

    /** Deletes one membership (both directions); see {@link Directory#removeMember} for the rest of a quit. */
    void removeMembership(String groupId, String userId) {
        records.delete(MEMBERS, groupId + "/" + userId);
        records.delete(USER_GROUPS, userId + "/" + groupId);
    }

    /** Every member of a group; O(members): only for offline-push work and dismissal, never on the send path. */
    List<String> members(String groupId) {
        List<String> result = new ArrayList<>();
        records.keysUnder(MEMBERS, groupId + "/").forEach(key -> result.add(key.substring(groupId.length() + 1)));
        return result;
    }

    /** The ultragroups of a user, at most {@code max-groups-per-user}. */
    List<String> groupsOf(String userId) {
        return records.suffixes(USER_GROUPS, userId + "/");
    }
}
