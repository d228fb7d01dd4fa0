package io.parley.kernel.profile;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.kernel.conversation.ConversationListService;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.conversation.ConversationSummary;
import io.parley.kernel.group.GroupDirectory;
import io.parley.kernel.group.GroupInfo;
import io.parley.kernel.user.UserDirectory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Client commands that read the names and portraits the app server registered, for a chat UI to show instead of
 * ids:
 * <ul>
 *   <li>{@code user.info {userIds:[…]}} → {@code {users:[{userId, name, portraitUri}]}} for the ids among them the
 *       caller may see: the caller, members of a group the caller is in, and users the caller has a private
 *       conversation with. Other ids, and ids no token was ever asked for, are left out (never an error), so a
 *       caller cannot tell an unknown user from one it may not see.</li>
 *   <li>{@code group.info {groupIds:[…]}} → {@code {groups:[{groupId, name, memberCount}]}} for the groups among
 *       them the caller is a member of.</li>
 * </ul>
 * At most {@value #MAX_IDS} ids per call. Run on a worker thread; they block on the metadata store.
 */
public final class ProfileCommands implements KernelCommands {
    static final int MAX_IDS = 100;

    private final UserDirectory users;
    private final GroupDirectory groups;
    private final ConversationListService conversations;

    @Inject
    public ProfileCommands(UserDirectory users, GroupDirectory groups, ConversationListService conversations) {
        this.users = users;
        this.groups = groups;
        this.conversations = conversations;
    }

    @Override
    public List<ClientCommand> commands() {
        return List.of(new FunctionCommand("user.info", (caller, body) -> {
            List<Map<String, Object>> found = new ArrayList<>();
            Visibility visibility = new Visibility(caller.userId());
            for (String userId : ids(body, "userIds")) {
                if (!visibility.sees(userId)) {
                    continue;
                }
                users.find(userId).ifPresent(profile -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("userId", profile.userId());
                    entry.put("name", profile.name());
                    entry.put("portraitUri", profile.portraitUri());
                    found.add(entry);
                });
            }
            return Map.of("users", found);
        }), new FunctionCommand("group.info", (caller, body) -> {
            List<Map<String, Object>> found = new ArrayList<>();
            for (String groupId : ids(body, "groupIds")) {
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
        }));
    }

    private static Set<String> ids(Map<String, Object> body, String name) {
        if (!(body.get(name) instanceof List<?> list) || list.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        if (list.size() > MAX_IDS) {
            throw ImException.invalidParameter("at most " + MAX_IDS + " " + name + " per call");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object id : list) {
            if (!(id instanceof String value) || value.isEmpty()) {
                throw ImException.invalidParameter(name + " must be a list of ids");
            }
            ids.add(value);
        }
        return ids;
    }

    /** Whom one caller may see, worked out once per call and only as far as needed. */
    private final class Visibility {
        private final String caller;
        private List<String> callerGroups;
        private Set<String> privatePeers;

        Visibility(String caller) {
            this.caller = caller;
        }

        boolean sees(String userId) {
            if (userId.equals(caller)) {
                return true;
            }
            if (callerGroups == null) {
                callerGroups = groups.groupIdsOf(caller);
            }
            for (String groupId : callerGroups) {
                if (groups.isMember(groupId, userId)) {
                    return true;
                }
            }
            if (privatePeers == null) {
                privatePeers = new HashSet<>();
                for (ConversationSummary summary : conversations.list(caller)) {
                    if (summary.conversationType() == ConversationType.PRIVATE) {
                        privatePeers.add(summary.targetId());
                    }
                }
            }
            return privatePeers.contains(userId);
        }
    }
}
