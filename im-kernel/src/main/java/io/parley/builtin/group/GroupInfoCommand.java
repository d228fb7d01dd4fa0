package io.parley.builtin.group;

import io.parley.api.route.CommandBodies;
import io.parley.api.route.FunctionCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client command {@code group.info {groupIds:[…]}} → {@code {groups:[{groupId, name, memberCount}]}}: the names
 * the app server gave the groups among them the caller is a member of (the others are left out, never an error), for
 * a chat UI to show instead of ids. At most {@value #MAX_IDS} ids per call. Runs on a worker thread; blocks on the metadata
 * store.
 */
final class GroupInfoCommand {
    static final int MAX_IDS = 100;

    private final GroupDirectory groups;

    GroupInfoCommand(GroupDirectory groups) {
        this.groups = groups;
    }

    FunctionCommand command() {
        return new FunctionCommand("group.info", (caller, body) -> {
            List<Map<String, Object>> found = new ArrayList<>();
            for (String groupId : CommandBodies.ids(body, "groupIds", MAX_IDS)) {
                if (!groups.isMember(groupId, caller.userId())) {
                    continue;
                }
                Optional<GroupInfo> info = groups.find(groupId);
                if (info.isEmpty()) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("groupId", groupId);
                entry.put("name", info.get().name());
                entry.put("memberCount", groups.memberIds(groupId).size());
                found.add(entry);
            }
            return Map.of("groups", found);
        });
    }
}
