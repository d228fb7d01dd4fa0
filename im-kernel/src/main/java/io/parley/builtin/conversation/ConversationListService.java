package io.parley.builtin.conversation;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.ConversationService;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's conversation list, derived from the messages and their per-conversation settings: the last message
 * (as presented: a recalled one as its recall note), unread and mention counts since the read position, pinned first,
 * then most recent first. Private and system conversations (and group messages directed at the user) come from their
 * inbox, within the offline-retention window; each group they follow ({@link ConversationService#followedBy}) from the
 * group's log (read diffusion), from what the group shows them ({@link ConversationService#presentTo}: from when they
 * joined, unless it shows earlier history) and within the same window. Being derived, it is the same on every device
 * and never drifts from the messages. Blocks on storage; called on a worker thread.
 */
public final class ConversationListService {
    /**
     * Commands no list shows: a recall ({@code RC:RcCmd}) and a message expansion's change
     * ({@code Parley:ExpansionChange}), named here by their object names (their plugins are not imported).
     */
    private static final Set<String> COMMANDS = Set.of("RC:RcCmd", "Parley:ExpansionChange");
    private static final int PAGE = 200;

    private final MessageStore store;
    private final ConversationStates states;
    private final ConversationService conversations;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param conversations how stored messages are presented, and the groups a user follows
     * @param retention the offline window: how far back the inbox is read
     */
    public ConversationListService(MessageStore store, ConversationStates states, ConversationService conversations,
            Clock clock, Duration retention) {
        this.store = store;
        this.states = states;
        this.conversations = conversations;
        this.clock = clock;
        this.retention = retention;
    }

    public List<ConversationSummary> list(String userId) {
        Map<String, ConversationState> settings = states.all(userId);
        Map<String, Accumulator> found = new LinkedHashMap<>();
        long notBefore = clock.millis() - retention.toMillis();
        addInbox(userId, settings, notBefore, found);
        for (String groupId : conversations.followedBy(userId, ConversationType.GROUP)) {
            addGroup(userId, groupId, settings, notBefore, found);
        }
        List<ConversationSummary> result = new ArrayList<>();
        for (Accumulator conversation : found.values()) {
            result.add(new ConversationSummary(conversation.type, conversation.target,
                    conversations.present(conversation.last), conversation.unread, conversation.mentions,
                    conversation.state));
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
     * One group, read from its log: what the user may see of it is what the group shows them (from their join time,
     * unless the group shows history from before joining), within the window, after a deletion of the conversation.
     * The last message is the newest of those that is not a command; unread and mentions are counted after the read
     * position. What a group hides from a user is always a prefix of its log (the messages before some time), so the
     * counting starts after it, found by a binary search rather than by asking for each message.
     */
    private void addGroup(String userId, String groupId, Map<String, ConversationState> settings, long notBefore,
            Map<String, Accumulator> into) {
        ConversationKey key = new ConversationKey(ConversationType.GROUP, groupId);
        if (store.conversationHead(key) == 0) {
            return;
        }
        ConversationState state = settings.getOrDefault(key.type().code() + "/" + groupId, ConversationState.DEFAULT);
        long visibleFrom = Math.max(notBefore, state.deletedTime() + 1);
        Message newest = newestShown(userId, key, visibleFrom);
        if (newest == null) {
            return;
        }
        Accumulator conversation = accumulator(userId, newest, settings, into);
        if (conversation.last == null || newest.sentTime() >= conversation.last.sentTime()) {
            conversation.last = newest;
        }
        long countFrom = Math.max(visibleFrom, state.readTime() + 1);
        long after = afterHidden(userId, key, Math.max(0, seqBefore(key, countFrom)), newest.seq());
        while (true) {
            List<Message> page = store.readConversation(key, after, PAGE);
            for (Message message : page) {
                if (message.sentTime() >= countFrom) {
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
     * The newest message of the conversation sent at or after {@code from} that is not a command and that the
     * conversation shows the user, or null.
     */
    private Message newestShown(String userId, ConversationKey key, long from) {
        long before = 0;
        while (true) {
            List<Message> page = store.readConversationBefore(key, before, PAGE);
            for (Message message : page) {
                if (message.sentTime() < from) {
                    return null;
                }
                if (shown(message)) {
                    // what the group hides is a prefix: once it hides one, it hides every older message too
                    return visibleTo(userId, message) ? message : null;
                }
            }
            if (page.size() < PAGE) {
                return null;
            }
            before = page.get(page.size() - 1).seq();
        }
    }

    /**
     * The seq after which every message of the conversation is shown to the user: {@code after} when the first
     * message after it is shown, else, by binary search up to {@code shownSeq} (a message the user is shown), the last
     * seq of the prefix the conversation hides from them.
     */
    private long afterHidden(String userId, ConversationKey key, long after, long shownSeq) {
        Message first = firstFrom(key, after + 1);
        if (first == null || first.seq() >= shownSeq || visibleTo(userId, first)) {
            return after;
        }
        // every message with seq <= hidden is hidden; every message with seq >= shown is shown
        long hidden = first.seq();
        long shown = shownSeq;
        while (shown - hidden > 1) {
            long middle = hidden + (shown - hidden) / 2;
            Message probe = firstFrom(key, middle);
            if (probe == null || probe.seq() >= shown) {
                shown = middle;
            } else if (visibleTo(userId, probe)) {
                shown = middle;
            } else {
                hidden = probe.seq();
            }
        }
        return hidden;
    }

    /** The first message of the conversation with a seq of at least {@code seq}, or null. */
    private Message firstFrom(ConversationKey key, long seq) {
        List<Message> page = store.readConversation(key, seq - 1, 1);
        return page.isEmpty() ? null : page.get(0);
    }

    /** Whether the message's conversation shows it to the user (a group hides what came before they joined). */
    private boolean visibleTo(String userId, Message message) {
        return conversations.presentTo(userId, message).isPresent();
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

    /**
     * Counts a message the user has not read: unread when counted, from someone else and still counted as presented (a
     * recalled message is presented as its uncounted recall note), and a mention of them.
     */
    private void count(String userId, Message message, Accumulator conversation) {
        if (!shown(message) || !message.counted() || message.fromUserId().equals(userId)
                || !conversations.present(message).counted()) {
            return;
        }
        conversation.unread++;
        if (MentionParser.mentions(message.content(), userId)) {
            conversation.mentions++;
        }
    }

    /**
     * Whether a message shows in the list: not a command (recall, expansion change), and persisted (notices,
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
