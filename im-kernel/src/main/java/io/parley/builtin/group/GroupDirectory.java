package io.parley.builtin.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.MetadataStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Groups and their members, kept in the metadata store and cached in memory per group. A member's join time
 * is kept so that history from before joining can be hidden. Thread-safe: changes to one group are
 * serialised; reads of the member cache never block once a group is loaded. Methods that change groups
 * block on storage.
 */
final class GroupDirectory {
    // the namespaces keep the names they had when groups were part of the kernel, so that existing data reads as
    // is (the mutes and the remarks too)
    static final String GROUPS = "kernel.groups";
    static final String MEMBERS = "kernel.group-members";
    static final String USER_GROUPS = "kernel.user-groups";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore metadata;
    private final int maxMembers;
    private final Map<String, Map<String, Long>> membersByGroup = new ConcurrentHashMap<>();

    /** @param maxMembers at most this many members a group ({@code group.max-members}) */
    public GroupDirectory(MetadataStore metadata, int maxMembers) {
        this.metadata = metadata;
        this.maxMembers = maxMembers;
    }

    public int maxMembers() {
        return maxMembers;
    }

    public Optional<GroupInfo> find(String groupId) {
        return metadata.get(GROUPS, groupId).map(GroupDirectory::read);
    }

    /** Creates the group if new, or renames it when {@code name} is given. */
    public synchronized GroupInfo upsert(String groupId, Optional<String> name, long now) {
        Optional<GroupInfo> existing = find(groupId);
        GroupInfo info = new GroupInfo(groupId, name.orElse(existing.map(GroupInfo::name).orElse("")),
                existing.map(GroupInfo::createTime).orElse(now));
        if (existing.isEmpty() || !existing.get().equals(info)) {
            metadata.put(GROUPS, groupId, write(info));
        }
        return info;
    }

    /** Adds members; the group must exist. Fails with GROUP_FULL, adding nobody, when the limit would be passed. */
    public synchronized List<String> addMembers(String groupId, List<String> userIds, long now) {
        Map<String, Long> members = members(groupId);
        List<String> added = new ArrayList<>();
        for (String userId : userIds) {
            if (!members.containsKey(userId) && !added.contains(userId)) {
                added.add(userId);
            }
        }
        if (members.size() + added.size() > maxMembers) {
            throw new ImException(StandardErrorCode.GROUP_FULL, "group " + groupId + " would have "
                    + (members.size() + added.size()) + " members; the limit is " + maxMembers);
        }
        for (String userId : added) {
            metadata.put(MEMBERS, groupId + "/" + userId, Long.toString(now));
            metadata.put(USER_GROUPS, userId + "/" + groupId, Long.toString(now));
            members.put(userId, now);
        }
        return added;
    }

    public synchronized List<String> removeMembers(String groupId, List<String> userIds) {
        Map<String, Long> members = members(groupId);
        List<String> removed = new ArrayList<>();
        for (String userId : userIds) {
            if (members.remove(userId) != null) {
                metadata.delete(MEMBERS, groupId + "/" + userId);
                metadata.delete(USER_GROUPS, userId + "/" + groupId);
                removed.add(userId);
            }
        }
        return removed;
    }

    /** Removes the group and every membership. */
    public synchronized void dismiss(String groupId) {
        removeMembers(groupId, new ArrayList<>(members(groupId).keySet()));
        metadata.delete(GROUPS, groupId);
        membersByGroup.remove(groupId);
    }

    public boolean isMember(String groupId, String userId) {
        return members(groupId).containsKey(userId);
    }

    /** When a member joined, epoch milliseconds. */
    public Optional<Long> joinedAt(String groupId, String userId) {
        return Optional.ofNullable(members(groupId).get(userId));
    }

    /** The members in join order. */
    public List<String> memberIds(String groupId) {
        Map<String, Long> members = members(groupId);
        synchronized (members) {
            return List.copyOf(members.keySet());
        }
    }

    /** The ids of the groups a user belongs to, in id order. */
    public List<String> groupIdsOf(String userId) {
        List<String> ids = new ArrayList<>();
        metadata.scan(USER_GROUPS, userId + "/").keySet().forEach(key -> ids.add(key.substring(userId.length() + 1)));
        return ids;
    }

    /** The groups a user belongs to, with their current names, in id order. */
    public Map<String, String> groupsOf(String userId) {
        Map<String, String> groups = new LinkedHashMap<>();
        metadata.scan(USER_GROUPS, userId + "/").keySet().forEach(key -> {
            String groupId = key.substring(userId.length() + 1);
            groups.put(groupId, find(groupId).map(GroupInfo::name).orElse(""));
        });
        return groups;
    }

    private Map<String, Long> members(String groupId) {
        return membersByGroup.computeIfAbsent(groupId, id -> {
            Map<String, Long> loaded = Collections.synchronizedMap(new LinkedHashMap<>());
            metadata.scan(MEMBERS, id + "/").forEach((key, joined) ->
                    loaded.put(key.substring(id.length() + 1), Long.parseLong(joined)));
            return loaded;
        });
    }

    private static GroupInfo read(String json) {
        try {
            return JSON.readValue(json, GroupInfo.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt group record: " + json, e);
        }
    }

    private static String write(GroupInfo info) {
        try {
            return JSON.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
