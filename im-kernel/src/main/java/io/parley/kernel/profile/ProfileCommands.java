package io.parley.kernel.profile;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.BusinessType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.CommandBodies;
import io.parley.api.route.FunctionCommand;
import io.parley.kernel.conversation.ConversationListService;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.conversation.ConversationSummary;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.user.UserDirectory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client command that reads the names and portraits the app server registered, for a chat UI to show instead of
 * ids: {@code user.info {userIds:[…]}} → {@code {users:[{userId, name, portraitUri}]}} for the ids among them the
 * caller may see: the caller, members of a group the caller is in (as the group's business type says:
 * {@link BusinessType#followedBy} and {@link BusinessType#mayRead}), and users the caller has a private conversation
 * with. Other ids, and ids no token was ever asked for, are left out (never an error), so a caller cannot tell an
 * unknown user from one it may not see. At most {@value #MAX_IDS} ids per call. Runs on a worker thread; blocks on the
 * metadata store. ({@code group.info} is the group plugin's.)
 */
public final class ProfileCommands implements KernelCommands {
    static final int MAX_IDS = 100;

    private final UserDirectory users;
    private final BusinessTypeRegistry businessTypes;
    private final ConversationListService conversations;

    @Inject
    public ProfileCommands(UserDirectory users, BusinessTypeRegistry businessTypes,
            ConversationListService conversations) {
        this.users = users;
        this.businessTypes = businessTypes;
        this.conversations = conversations;
    }

    @Override
    public List<ClientCommand> commands() {
        return List.of(new FunctionCommand("user.info", (caller, body) -> {
            List<Map<String, Object>> found = new ArrayList<>();
            Visibility visibility = new Visibility(caller.userId());
            for (String userId : CommandBodies.ids(body, "userIds", MAX_IDS)) {
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
        }));
    }

    /** Whom one caller may see, worked out once per call and only as far as needed. */
    private final class Visibility {
        private final String caller;
        private final Optional<BusinessType> groups = businessTypes.find(ConversationType.GROUP);
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
                callerGroups = groups.map(type -> type.followedBy(caller)).orElse(List.of());
            }
            for (String groupId : callerGroups) {
                if (groups.get().mayRead(userId, new ConversationKey(ConversationType.GROUP, groupId))) {
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
