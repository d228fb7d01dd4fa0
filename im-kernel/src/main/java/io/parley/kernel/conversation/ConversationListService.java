package io.parley.kernel.conversation;

import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.expansion.ExpansionService;
import io.parley.kernel.recall.RecallInterceptor;
import io.parley.kernel.recall.RecallMarks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's conversation list, derived from their inbox (within the offline-retention window) and their
 * per-conversation settings: the last message (recalled ones as their recall note), unread and mention counts
 * since the read position, pinned first, then most recent first. Being derived, it is the same on every
 * device and never drifts from the messages. Blocks on storage; called on a worker thread.
 */
public final class ConversationListService {
    private static final Set<String> COMMANDS = Set.of(RecallInterceptor.RECALL_COMMAND, ExpansionService.CHANGE_OBJECT_NAME);
    private static final int PAGE = 200;

    private final MessageStore store;
    private final ConversationStates states;
    private final RecallMarks recalls;
    private final Clock clock;
    private final Duration retention;

    public ConversationListService(MessageStore store, ConversationStates states, RecallMarks recalls, Clock clock,
            Duration retention) {
        this.store = store;
        this.states = states;
        this.recalls = recalls;
        this.clock = clock;
        this.retention = retention;
    }

    public List<ConversationSummary> list(String userId) {
        Map<String, ConversationState> settings = states.all(userId);
        Map<String, Accumulator> conversations = new LinkedHashMap<>();
        long cursor = 0;
        long notBefore = clock.millis() - retention.toMillis();
        while (true) {
            InboxPage page = store.readInbox(userId, cursor, PAGE, notBefore);
            for (InboxEntry entry : page.entries()) {
                Message message = entry.message();
                if (COMMANDS.contains(message.objectName())) {
                    continue;
                }
                String target = message.targetFor(userId);
                String key = message.conversationType().code() + "/" + target;
                ConversationState state = settings.getOrDefault(key, ConversationState.DEFAULT);
                if (message.sentTime() <= state.deletedTime()) {
                    continue;
                }
                Accumulator conversation = conversations.computeIfAbsent(key,
                        ignored -> new Accumulator(message.conversationType(), target, state));
                conversation.last = message;
                if (message.counted() && !message.fromUserId().equals(userId) && message.sentTime() > state.readTime()
                        && recalls.find(message.messageUid()).isEmpty()) {
                    conversation.unread++;
                    if (MentionParser.mentions(message.content(), userId)) {
                        conversation.mentions++;
                    }
                }
            }
            cursor = page.nextCursor();
            if (page.finished() || page.entries().isEmpty() && cursor >= store.inboxHead(userId)) {
                break;
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
