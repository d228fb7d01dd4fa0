package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.storage.MetadataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the plugin keeps, in the {@link MetadataStore} under namespaces {@code ultragroup.*}. Every key is
 * built so that one user's or one group's entries are one prefix scan, and every membership change writes a
 * constant number of keys: a join or quit is O(1) whatever the group's size, and nothing here is written per
 * message except mentions (one key per mentioned user, or one per {@code @all}) and read positions.
 * Thread-safe (the store is); blocks on storage.
 */
final class Directory {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String GROUPS = "ultragroup.groups";          // group -> GroupInfo
    private static final String MEMBERS = "ultragroup.members";        // group/user -> Membership
    private static final String USER_GROUPS = "ultragroup.user-groups"; // user/group -> ""
    private static final String CHANNELS = "ultragroup.channels";      // group/channel -> ChannelInfo
    private static final String PRIVATE = "ultragroup.private";        // group/channel/user -> ""
    private static final String USER_GROUP_DEFS = "ultragroup.ug";     // group/userGroup -> ""
    private static final String UG_MEMBERS = "ultragroup.ug-members";  // group/userGroup/user -> ""
    private static final String MEMBER_UGS = "ultragroup.member-ugs";  // group/user/userGroup -> ""
    private static final String BINDINGS = "ultragroup.bindings";      // group/channel/userGroup -> ""
    private static final String CHANNEL_UGS = "ultragroup.channel-ugs"; // group/userGroup/channel -> ""
    private static final String BANNED = "ultragroup.banned";          // group/channel/user -> ""
    private static final String ALL_BANNED = "ultragroup.all-banned";  // group/channel -> ""
    private static final String WHITELIST = "ultragroup.whitelist";    // group/channel/user -> ""
    private static final String NOT_DISTURB = "ultragroup.notdisturb"; // group/channel -> level (the group's default)
    private static final String USER_NOT_DISTURB = "ultragroup.user-notdisturb"; // user/group/channel -> level
    private static final String READ = "ultragroup.read";              // user/group/channel -> seq
    private static final String MENTIONS = "ultragroup.mentions";      // user/group/channel/seq -> uid
    private static final String MENTION_ALL = "ultragroup.mention-all"; // group/channel/seq -> uid
    private static final String EDITS = "ultragroup.edits";            // messageUid -> Edit

    /** An ultragroup. {@code pushIntervalMillis} is -1 for the plugin's default. */
    record GroupInfo(String name, String owner, long createTime, long pushIntervalMillis) {
    }

    /** One member: when it joined, and each channel's head seq then (the first seq it may read is above it). */
    record Membership(long joinTime, Map<String, Long> floors) {
    }

    /**
     * A channel: 0 public, 1 private. {@code floorSeq} is its log's head when it was created: a channel deleted
     * and created again with the same id continues its log, and readers see only what is above the floor.
     */
    record ChannelInfo(int type, long createTime, long floorSeq) {
        ChannelInfo withType(int newType) {
            return new ChannelInfo(newType, createTime, floorSeq);
        }
    }

    /** The current version of an edited (or recalled) message. */
    record Edit(String content, String objectName, int version, long editTime, boolean recalled, boolean deleted,
            String operator) {
    }

    private final MetadataStore store;

    Directory(MetadataStore store) {
        this.store = store;
    }

    // groups and members

    Optional<GroupInfo> group(String groupId) {
        return store.get(GROUPS, groupId).map(json -> read(json, GroupInfo.class));
    }

    GroupInfo requireGroup(String groupId) {
        return group(groupId).orElseThrow(() -> new ImException(UltragroupErrorCode.NOT_EXIST,
                "no ultragroup " + groupId));
    }

    void putGroup(String groupId, GroupInfo info) {
        store.put(GROUPS, groupId, write(info));
    }

    void deleteGroup(String groupId) {
        store.delete(GROUPS, groupId);
        for (String key : store.scan(MEMBERS, groupId + "/").keySet()) {
            store.delete(MEMBERS, key);
            store.delete(USER_GROUPS, key.substring(groupId.length() + 1) + "/" + groupId);
        }
        for (String namespace : List.of(CHANNELS, PRIVATE, USER_GROUP_DEFS, UG_MEMBERS, MEMBER_UGS, BINDINGS,
                CHANNEL_UGS, BANNED, ALL_BANNED, WHITELIST, NOT_DISTURB, MENTION_ALL)) {
            for (String key : store.scan(namespace, groupId + "/").keySet()) {
                store.delete(namespace, key);
            }
        }
    }

    Optional<Membership> membership(String groupId, String userId) {
        return store.get(MEMBERS, groupId + "/" + userId).map(json -> read(json, Membership.class));
    }

    boolean isMember(String groupId, String userId) {
        return store.get(MEMBERS, groupId + "/" + userId).isPresent();
    }

    void addMember(String groupId, String userId, Membership membership) {
        store.put(MEMBERS, groupId + "/" + userId, write(membership));
        store.put(USER_GROUPS, userId + "/" + groupId, "");
    }

    void removeMember(String groupId, String userId) {
        store.delete(MEMBERS, groupId + "/" + userId);
        store.delete(USER_GROUPS, userId + "/" + groupId);
        for (String userGroup : userGroupsOf(groupId, userId)) {
            removeUserGroupMember(groupId, userGroup, userId);
        }
    }

    /** Every member of a group; O(members): only for offline-push work and dismissal, never on the send path. */
    List<String> members(String groupId) {
        List<String> result = new ArrayList<>();
        store.scan(MEMBERS, groupId + "/").keySet().forEach(key -> result.add(key.substring(groupId.length() + 1)));
        return result;
    }

    /** The ultragroups of a user, at most {@code max-groups-per-user}. */
    List<String> groupsOf(String userId) {
        return suffixes(USER_GROUPS, userId + "/");
    }

    // channels

    Optional<ChannelInfo> channel(String groupId, String channelId) {
        if (channelId.isEmpty()) {
            return group(groupId).map(g -> new ChannelInfo(0, g.createTime(), 0));
        }
        return store.get(CHANNELS, groupId + "/" + channelId).map(json -> read(json, ChannelInfo.class));
    }

    /** Every channel but the default one, in id order. */
    Map<String, ChannelInfo> channels(String groupId) {
        Map<String, ChannelInfo> result = new LinkedHashMap<>();
        store.scan(CHANNELS, groupId + "/").forEach((key, json) ->
                result.put(key.substring(groupId.length() + 1), read(json, ChannelInfo.class)));
        return result;
    }

    void putChannel(String groupId, String channelId, ChannelInfo info) {
        store.put(CHANNELS, groupId + "/" + channelId, write(info));
    }

    void deleteChannel(String groupId, String channelId) {
        store.delete(CHANNELS, groupId + "/" + channelId);
        String prefix = groupId + "/" + channelId + "/";
        for (String namespace : List.of(PRIVATE, BINDINGS, BANNED, WHITELIST)) {
            for (String key : store.scan(namespace, prefix).keySet()) {
                store.delete(namespace, key);
            }
        }
        store.delete(ALL_BANNED, groupId + "/" + channelId);
        store.delete(NOT_DISTURB, groupId + "/" + channelId);
    }

    void setPrivateUser(String groupId, String channelId, String userId, boolean on) {
        set(PRIVATE, groupId + "/" + channelId + "/" + userId, on);
    }

    List<String> privateUsers(String groupId, String channelId) {
        return suffixes(PRIVATE, groupId + "/" + channelId + "/");
    }

    /**
     * Whether a member may read and send in a channel: every member in a public channel; in a private one, the
     * users on its list and the members of a user group bound to it. O(the user's user groups in this group).
     */
    boolean mayAccess(String groupId, String channelId, String userId, ChannelInfo channel) {
        if (channel.type() == 0) {
            return true;
        }
        if (store.get(PRIVATE, groupId + "/" + channelId + "/" + userId).isPresent()) {
            return true;
        }
        for (String userGroup : userGroupsOf(groupId, userId)) {
            if (store.get(BINDINGS, groupId + "/" + channelId + "/" + userGroup).isPresent()) {
                return true;
            }
        }
        return false;
    }

    // user groups

    boolean userGroupExists(String groupId, String userGroupId) {
        return store.get(USER_GROUP_DEFS, groupId + "/" + userGroupId).isPresent();
    }

    void requireUserGroup(String groupId, String userGroupId) {
        if (!userGroupExists(groupId, userGroupId)) {
            throw new ImException(UltragroupErrorCode.USER_GROUP_NOT_EXIST,
                    "ultragroup " + groupId + " has no user group " + userGroupId);
        }
    }

    void addUserGroup(String groupId, String userGroupId) {
        store.put(USER_GROUP_DEFS, groupId + "/" + userGroupId, "");
    }

    void deleteUserGroup(String groupId, String userGroupId) {
        for (String user : userGroupMembers(groupId, userGroupId)) {
            removeUserGroupMember(groupId, userGroupId, user);
        }
        for (String channel : channelsOfUserGroup(groupId, userGroupId)) {
            bind(groupId, channel, userGroupId, false);
        }
        store.delete(USER_GROUP_DEFS, groupId + "/" + userGroupId);
    }

    List<String> userGroups(String groupId) {
        return suffixes(USER_GROUP_DEFS, groupId + "/");
    }

    void addUserGroupMember(String groupId, String userGroupId, String userId) {
        store.put(UG_MEMBERS, groupId + "/" + userGroupId + "/" + userId, "");
        store.put(MEMBER_UGS, groupId + "/" + userId + "/" + userGroupId, "");
    }

    void removeUserGroupMember(String groupId, String userGroupId, String userId) {
        store.delete(UG_MEMBERS, groupId + "/" + userGroupId + "/" + userId);
        store.delete(MEMBER_UGS, groupId + "/" + userId + "/" + userGroupId);
    }

    List<String> userGroupMembers(String groupId, String userGroupId) {
        return suffixes(UG_MEMBERS, groupId + "/" + userGroupId + "/");
    }

    List<String> userGroupsOf(String groupId, String userId) {
        return suffixes(MEMBER_UGS, groupId + "/" + userId + "/");
    }

    void bind(String groupId, String channelId, String userGroupId, boolean on) {
        set(BINDINGS, groupId + "/" + channelId + "/" + userGroupId, on);
        set(CHANNEL_UGS, groupId + "/" + userGroupId + "/" + channelId, on);
    }

    List<String> userGroupsOfChannel(String groupId, String channelId) {
        return suffixes(BINDINGS, groupId + "/" + channelId + "/");
    }

    List<String> channelsOfUserGroup(String groupId, String userGroupId) {
        return suffixes(CHANNEL_UGS, groupId + "/" + userGroupId + "/");
    }

    // moderation

    void setBanned(String groupId, String channelId, String userId, boolean on) {
        set(BANNED, groupId + "/" + channelId + "/" + userId, on);
    }

    List<String> banned(String groupId, String channelId) {
        return suffixes(BANNED, groupId + "/" + channelId + "/");
    }

    void setAllBanned(String groupId, String channelId, boolean on) {
        set(ALL_BANNED, groupId + "/" + channelId, on);
    }

    boolean allBanned(String groupId, String channelId) {
        return store.get(ALL_BANNED, groupId + "/" + channelId).isPresent();
    }

    void setWhitelisted(String groupId, String channelId, String userId, boolean on) {
        set(WHITELIST, groupId + "/" + channelId + "/" + userId, on);
    }

    List<String> whitelist(String groupId, String channelId) {
        return suffixes(WHITELIST, groupId + "/" + channelId + "/");
    }

    /** Whether a user may not send in a channel: muted there or group-wide, or everyone muted and not whitelisted. */
    boolean isMuted(String groupId, String channelId, String userId) {
        if (present(BANNED, groupId + "//" + userId) || present(BANNED, groupId + "/" + channelId + "/" + userId)) {
            return true;
        }
        boolean all = allBanned(groupId, "") || (!channelId.isEmpty() && allBanned(groupId, channelId));
        return all && !present(WHITELIST, groupId + "//" + userId)
                && !present(WHITELIST, groupId + "/" + channelId + "/" + userId);
    }

    /** The group's default do-not-disturb level for a channel ("" for the whole group), if set. */
    Optional<Integer> groupLevel(String groupId, String channelId) {
        return store.get(NOT_DISTURB, groupId + "/" + channelId).map(Integer::parseInt);
    }

    void setGroupLevel(String groupId, String channelId, int level) {
        store.put(NOT_DISTURB, groupId + "/" + channelId, Integer.toString(level));
    }

    Optional<Integer> userLevel(String userId, String groupId, String channelId) {
        return store.get(USER_NOT_DISTURB, userId + "/" + groupId + "/" + channelId).map(Integer::parseInt);
    }

    void setUserLevel(String userId, String groupId, String channelId, int level) {
        store.put(USER_NOT_DISTURB, userId + "/" + groupId + "/" + channelId, Integer.toString(level));
    }

    /**
     * A member's level for a channel, most specific first: its own for the channel, its own for the group,
     * the group's for the channel, the group's; else 0 (RongCloud's numbering: -1 all, 0 default, 1 mentions,
     * 2 @me, 4 @all, 5 nothing).
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

    // read positions and mentions

    long readSeq(String userId, Target target) {
        return store.get(READ, userId + "/" + target.groupId() + "/" + target.channelId()).map(Long::parseLong).orElse(0L);
    }

    /** Moves a read position forward (never back); returns the position now kept. */
    long markRead(String userId, Target target, long seq) {
        long current = readSeq(userId, target);
        if (seq <= current) {
            return current;
        }
        store.put(READ, userId + "/" + target.groupId() + "/" + target.channelId(), Long.toString(seq));
        String prefix = userId + "/" + target.groupId() + "/" + target.channelId() + "/";
        for (String key : store.scan(MENTIONS, prefix).keySet()) {
            if (Long.parseLong(key.substring(prefix.length())) <= seq) {
                store.delete(MENTIONS, key);
            }
        }
        return seq;
    }

    void addMention(String userId, Target target, long seq, String uid) {
        store.put(MENTIONS, userId + "/" + target.groupId() + "/" + target.channelId() + "/" + pad(seq), uid);
    }

    void addMentionAll(Target target, long seq, String uid) {
        store.put(MENTION_ALL, target.groupId() + "/" + target.channelId() + "/" + pad(seq), uid);
    }

    /** Mentions of the user (its own, and {@code @all}) with a seq above {@code afterSeq}. */
    int mentionCount(String userId, Target target, long afterSeq) {
        int count = 0;
        String own = userId + "/" + target.groupId() + "/" + target.channelId() + "/";
        for (String key : store.scan(MENTIONS, own).keySet()) {
            if (Long.parseLong(key.substring(own.length())) > afterSeq) {
                count++;
            }
        }
        String all = target.groupId() + "/" + target.channelId() + "/";
        for (String key : store.scan(MENTION_ALL, all).keySet()) {
            if (Long.parseLong(key.substring(all.length())) > afterSeq) {
                count++;
            }
        }
        return count;
    }

    // edits

    Optional<Edit> edit(String messageUid) {
        return store.get(EDITS, messageUid).map(json -> read(json, Edit.class));
    }

    void putEdit(String messageUid, Edit edit) {
        store.put(EDITS, messageUid, write(edit));
    }

    // helpers

    private boolean present(String namespace, String key) {
        return store.get(namespace, key).isPresent();
    }

    private void set(String namespace, String key, boolean on) {
        if (on) {
            store.put(namespace, key, "");
        } else {
            store.delete(namespace, key);
        }
    }

    private List<String> suffixes(String namespace, String prefix) {
        List<String> result = new ArrayList<>();
        store.scan(namespace, prefix).keySet().forEach(key -> result.add(key.substring(prefix.length())));
        return result;
    }

    private static String pad(long seq) {
        return String.format("%019d", seq);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt ultragroup record: " + json, e);
        }
    }
}
