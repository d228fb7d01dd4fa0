package io.parley.kernel.conversation;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.BusinessType;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.MessageViews;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's conversation list, derived from the messages and their per-conversation settings: the last message
 * (recalled ones as their recall note), unread and mention counts since the read position, pinned first, then most
 * recent first. Private and system conversations (and group messages directed at the user) come from their inbox,
 * within the offline-retention window; each group they belong to from the group's log (read diffusion), from when
 * they joined and within the same window. Being derived, it is the same on every device and never drifts from the
 * messages. Blocks on storage; called on a worker thread.
 */
@Singleton
public final class ConversationListService {
    private static final Set<String> COMMANDS = Set.of("RC:RcCmd", "Parley:ExpansionChange");
    private static final int PAGE = 200;

    private final MessageStore store;
    private final ConversationStates states;
    private final MessageViews recalls;
    private final BusinessTypeRegistry businessTypes;
    private final Clock clock;
    private final Duration retention;

    /** The server's conversation list: the offline window as configured. */
    @Inject
    public ConversationListService(MessageStore store, ConversationStates states, MessageViews recalls,
            BusinessTypeRegistry businessTypes, Clock clock, KernelConfig config) {
        this(store, states, recalls, businessTypes, clock, config.offlineRetention());
    }

    /**
     * @param businessTypes the installed types: the group's says which groups a user follows
     *     ({@link BusinessType#followedBy}) and what they see of each ({@link BusinessType#presentTo})
     */
    public ConversationListService(MessageStore store, ConversationStates states, MessageViews recalls,
            BusinessTypeRegistry businessTypes, Clock clock, Duration retention) {
        this.store = store;
        this.states = states;
        this.recalls = recalls;
        this.businessTypes = businessTypes;
        this.clock = clock;
        this.retention = retention;
    }

    public List<ConversationSummary> list(String userId) {
        Map<String, ConversationState> settings = states.all(userId);
        Map<String, Accumulator> conversations = new LinkedHashMap<>();
        long notBefore = clock.millis() - retention.toMillis();
        addInbox(userId, settings, notBefore, conversations);
        Optional<BusinessType> groups = businessTypes.find(ConversationType.GROUP);
        if (groups.isPresent()) {
            for (String groupId : groups.get().followedBy(userId)) {
                addGroup(userId, groupId, groups.get(), settings, notBefore, conversations);
            }
        }
        List<ConversationSummary> result = new ArrayList<>();
        for (Accumulator conversation : conversations.values()) {
            result.add(new ConversationSummary(conversation.type, conversation.target,
                    recalls.present(conversation.last), conversation.unread, conversation.mentions, conversation.state));
        }
        result.sort(Comparator.comparing((ConversationSummary summary) -> !summary.state().pinned())
                .thenComparing(summary -> -summary.lastMessage().sentTime()));
        return result;
    }

    /** The conversations of the user's inbox: private, system, and group messages directed at them. */
    private void addInbox(String userId, Map<String, ConversationState> settings, long notBefore,
            Map<String, Accumulator> into) {
        long cursor = 0;
        while (true) {
            InboxPage page = store.readInbox(userId, cursor, PAGE, notBefore);
            for (InboxEntry entry : page.entries()) {
                add(userId, entry.message(), settings, into);
            }
            cursor = page.nextCursor();
            if (page.finished() || page.entries().isEmpty() && cursor >= store.inboxHead(userId)) {
                break;
            }
        }
    }

    /**
     * One group, read from its log: what the user may see of it starts at their join time (unless the group shows
     * history from before joining: the group's business type hides the older messages, {@link BusinessType#presentTo}),
     * within the window, after a deletion of the conversation. The last message is the newest of those that is not a
     * command; unread and mentions are counted after the read position.
     */
    private void addGroup(String userId, String groupId, BusinessType group, Map<String, ConversationState> settings,
            long notBefore, Map<String, Accumulator> into) {
        ConversationKey key = new ConversationKey(ConversationType.GROUP, groupId);
        if (store.conversationHead(key) == 0) {
            return;
        }
        ConversationState state = settings.getOrDefault(key.type().code() + "/" + groupId, ConversationState.DEFAULT);
        long visibleFrom = Math.max(notBefore, state.deletedTime() + 1);
        Message newest = newestShown(key, visibleFrom, userId, group);
        if (newest == null) {
            return;
        }
        Accumulator conversation = accumulator(userId, newest, settings, into);
        if (conversation.last == null || newest.sentTime() >= conversation.last.sentTime()) {
            conversation.last = newest;
        }
        long countFrom = Math.max(visibleFrom, state.readTime() + 1);
        long after = Math.max(0, seqBefore(key, countFrom));
        while (true) {
            List<Message> page = store.readConversation(key, after, PAGE);
            for (Message message : page) {
                if (message.sentTime() >= countFrom && group.presentTo(userId, message).isPresent()) {
                    count(userId, message, conversation);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    /**
     * The newest message of the conversation sent at or after {@code from} that is not a command, or null; a message
     * the group hides from the user (sent before they joined) ends the search, as every older one is hidden too.
     */
    private Message newestShown(ConversationKey key, long from, String userId, BusinessType group) {
        long before = 0;
        while (true) {
            List<Message> page = store.readConversationBefore(key, before, PAGE);
            for (Message message : page) {
                if (message.sentTime() < from || group.presentTo(userId, message).isEmpty()) {
                    return null;
                }
                if (shown(message)) {
                    return message;
                }
            }
            if (page.size() < PAGE) {
                return null;
            }
            before = page.get(page.size() - 1).seq();
        }
    }

    /** The seq before the first message sent at or after {@code millis}, or 0 when the store cannot tell. */
    private long seqBefore(ConversationKey key, long millis) {
        try {
            return store.seqAtTime(key, millis) - 1;
        } catch (ImException e) {
            if (e.errorCode() != StandardErrorCode.CAPABILITY_NOT_SUPPORTED) {
                throw e;
            }
            return 0;
        }
    }

    private void add(String userId, Message message, Map<String, ConversationState> settings,
            Map<String, Accumulator> into) {
        if (!shown(message)) {
            return;
        }
        String key = message.conversationType().code() + "/" + message.targetFor(userId);
        if (message.sentTime() <= settings.getOrDefault(key, ConversationState.DEFAULT).deletedTime()) {
            return;
        }
        Accumulator conversation = accumulator(userId, message, settings, into);
        conversation.last = message;
        if (message.sentTime() > conversation.state.readTime()) {
            count(userId, message, conversation);
        }
    }

    /** Counts a message the user has not read: unread when counted and from someone else, and a mention of them. */
    private void count(String userId, Message message, Accumulator conversation) {
        if (!shown(message) || !message.counted() || message.fromUserId().equals(userId)
                || !recalls.present(message).counted()) {
            return;
        }
        conversation.unread++;
        if (MentionParser.mentions(message.content(), userId)) {
            conversation.mentions++;
        }
    }

    /**
     * Whether a message shows in the list: not a kernel command (recall, expansion change), and persisted (notices,
     * and messages sent as not persisted, are synced but never shown).
     */
    private static boolean shown(Message message) {
        return message.persisted() && !COMMANDS.contains(message.objectName());
    }

    /** The accumulator of the message's conversation as the user sees it. */
    private static Accumulator accumulator(String userId, Message message, Map<String, ConversationState> settings,
            Map<String, Accumulator> into) {
        String target = message.targetFor(userId);
        String key = message.conversationType().code() + "/" + target;
        ConversationState state = settings.getOrDefault(key, ConversationState.DEFAULT);
        return into.computeIfAbsent(key, ignored -> new Accumulator(message.conversationType(), target, state));
    }

    private static final class Accumulator {
        final ConversationType type;
        final String target;
        final ConversationState state;
        Message last;
        int unread;
        int mentions;

        Accumulator(ConversationType type, String target, ConversationState state) {
            this.type = type;
            this.target = target;
            this.state = state;
        }
    }
}
