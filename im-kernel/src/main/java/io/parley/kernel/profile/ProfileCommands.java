package io.parley.kernel.profile;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.BusinessType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.CommandBodies;
import io.parley.api.route.FunctionCommand;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.user.UserDirectory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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
 * with (a private message between them in the caller's inbox, within the offline window). Other ids, and ids no token
 * was ever asked for, are left out (never an error), so a caller cannot tell an unknown user from one it may not see.
 * At most {@value #MAX_IDS} ids per call. Runs on a worker thread; blocks on storage. ({@code group.info} is the group
 * plugin's.)
 */
public final class ProfileCommands implements KernelCommands {
    static final int MAX_IDS = 100;
    private static final int PAGE = 200;

    private final UserDirectory users;
    private final BusinessTypeRegistry businessTypes;
    private final MessageStore store;
    private final Clock clock;
    private final Duration window;

    @Inject
    public ProfileCommands(UserDirectory users, BusinessTypeRegistry businessTypes, MessageStore store, Clock clock,
            KernelConfig config) {
        this(users, businessTypes, store, clock, config.offlineRetention());
    }

    /** @param window how far back the inbox is read for private peers (the offline window) */
    public ProfileCommands(UserDirectory users, BusinessTypeRegistry businessTypes, MessageStore store,
            Clock clock, Duration window) {
        this.users = users;
        this.businessTypes = businessTypes;
        this.store = store;
        this.clock = clock;
        this.window = window;
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
                privatePeers = privatePeers(caller);
            }
            return privatePeers.contains(userId);
        }
    }

    /** The users {@code caller} has a private conversation with: a private message in their inbox, within the window. */
    private Set<String> privatePeers(String caller) {
        Set<String> peers = new HashSet<>();
        long notBefore = clock.millis() - window.toMillis();
        long cursor = 0;
        while (true) {
            InboxPage page = store.readInbox(caller, cursor, PAGE, notBefore);
            for (InboxEntry entry : page.entries()) {
                Message message = entry.message();
                if (message.conversationType() == ConversationType.PRIVATE && message.persisted()) {
                    peers.add(message.targetFor(caller));
                }
            }
            cursor = page.nextCursor();
            if (page.finished() || page.entries().isEmpty() && cursor >= store.inboxHead(caller)) {
                return peers;
            }
        }
    }
}
