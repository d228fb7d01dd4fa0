package io.parley.client.store;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of one user's store and the rules that keep them consistent: a message kept once in {@code messages},
 * its conversation's {@code history}, the {@link SearchIndex}'s timeline and the {@link IndexQueue} (the postings
 * follow in the background); a conversation's state (last message, unread and
 * mention counts) following its messages, recalls, edits, deletions and read position. Not thread-safe:
 * {@link MapDbLocalStore} locks around it and commits.
 */
final class MessageTables {
    private final String userId;
    private final Map<String, String> messages;
    private final NavigableSet<String> history;
    private final SearchIndex index;
    private final IndexQueue indexQueue;
    private final Map<String, String> conversations;

    MessageTables(String userId, Map<String, String> messages, NavigableSet<String> history, SearchIndex index,
            IndexQueue indexQueue, Map<String, String> conversations) {
        this.userId = userId;
        this.messages = messages;
        this.history = history;
        this.index = index;
        this.indexQueue = indexQueue;
        this.conversations = conversations;
    }

    SearchIndex index() {
        return index;
    }

    IndexQueue indexQueue() {
        return indexQueue;
    }

    /** Keeps a received message, or applies it to the message it changes; what is not kept is ignored. */
    void received(ReceivedMessage m) {
        if (m.notice() || m.conversationType() == ConversationType.CHATROOM) {
            return;
        }
        switch (m.objectName()) {
            case MessageCommands.RECALL -> MessageCommands.recall(m.content())
                    .ifPresent(recall -> recall(recall, m.fromUserId(), m.sentTime()));
            case MessageCommands.EXPANSION_CHANGE -> MessageCommands.expansionChange(m.content())
                    .ifPresent(this::changeExpansion);
            case MessageCommands.ULTRAGROUP_EDIT -> MessageCommands.edit(m.content()).ifPresent(this::edit);
            case MessageCommands.READ_POSITION -> {
                if (userId.equals(m.fromUserId())) {
                    MessageCommands.readTime(m.content()).ifPresent(time -> markRead(
                            new ConversationId(m.conversationType(), m.targetId()), time));
                }
            }
            default -> {
                if (m.persisted() && !m.isStatusMessage() && m.messageUid() != null) {
                    put(StoredMessage.of(m), true);
                }
            }
        }
    }

    /** Every conversation with its state. */
    List<StoredConversation> conversations() {
        List<StoredConversation> list = new ArrayList<>();
        conversations.forEach((key, json) -> list.add(conversation(ConversationId.ofKey(key),
                RecordCodec.read(json, ConversationState.class))));
        return list;
    }

    Optional<StoredConversation> conversation(ConversationId id) {
        return Optional.ofNullable(conversations.get(id.key()))
                .map(json -> conversation(id, RecordCodec.read(json, ConversationState.class)));
    }

    void saveState(ConversationId id, ConversationState state) {
        conversations.put(id.key(), RecordCodec.write(state));
    }

    /** Removes a conversation and its messages. */
    void deleteConversation(ConversationId id) {
        List<String> uids = new ArrayList<>();
        history.subSet(MessageKeys.history(id.key(), ""), MessageKeys.history(id.key(), "\uffff"))
                .forEach(key -> uids.add(MessageKeys.messageUid(key)));
        uids.forEach(uid -> stored(uid).ifPresent(this::remove));
        conversations.remove(id.key());
    }

    /** Keeps a message unless it is kept already; {@code countable}: it may count as unread. */
    void put(StoredMessage m, boolean countable) {
        if (messages.containsKey(m.messageUid())) {
            return;
        }
        messages.put(m.messageUid(), RecordCodec.write(m));
        String entry = MessageKeys.entry(m);
        history.add(MessageKeys.history(m.conversation().key(), entry));
        index.list(entry);
        indexQueue.add(entry, searchText(m));
        ConversationState state = state(m.conversation());
        if (entry.compareTo(state.lastEntry()) > 0) {
            state = state.withLastEntry(entry);
        }
        if (countable && unread(m, state)) {
            MessageCommands.Mention mention = MessageCommands.mention(m.content(), userId);
            state = state.withUnread(state.unreadCount() + 1,
                    state.mentionCount() + (mention == MessageCommands.Mention.NONE ? 0 : 1),
                    state.mentionedAll() || mention == MessageCommands.Mention.ALL);
        }
        conversations.put(m.conversation().key(), RecordCodec.write(state));
    }

    private void recall(MessageCommands.Recall recall, String operatorId, long recallTime) {
        stored(recall.messageUid()).ifPresent(m -> {
            if (recall.delete()) {
                remove(m);
                return;
            }
            if (MessageCommands.RECALLED.equals(m.objectName())) {
                return;
            }
            replace(m, m.withContent(MessageCommands.RECALLED,
                    MessageCommands.recallNotice(operatorId, recallTime, m.objectName(), false), m.version()));
            // a recalled message no longer counts: count the conversation again
            ConversationState state = state(m.conversation());
            recount(m.conversation(), state);
        });
    }

    private void edit(MessageCommands.Edit edit) {
        stored(edit.messageUid()).filter(m -> edit.version() > m.version())
                .ifPresent(m -> replace(m, m.withContent(m.objectName(), edit.content(), edit.version())));
    }

    private void changeExpansion(MessageCommands.ExpansionChange change) {
        stored(change.messageUid()).ifPresent(m -> {
            Map<String, String> expansion = new LinkedHashMap<>(m.expansion());
            change.removed().forEach(expansion::remove);
            expansion.putAll(change.put());
            messages.put(m.messageUid(), RecordCodec.write(m.withExpansion(expansion)));
        });
    }

    /** The same message (same uid and time) with another content: indexed again. */
    private void replace(StoredMessage old, StoredMessage updated) {
        String entry = MessageKeys.entry(old);
        indexQueue.remove(entry, searchText(old));
        messages.put(updated.messageUid(), RecordCodec.write(updated));
        indexQueue.add(entry, searchText(updated));
    }

    void remove(StoredMessage m) {
        String entry = MessageKeys.entry(m);
        messages.remove(m.messageUid());
        history.remove(MessageKeys.history(m.conversation().key(), entry));
        index.unlist(entry);
        indexQueue.remove(entry, searchText(m));
        ConversationState state = state(m.conversation());
        if (entry.equals(state.lastEntry())) {
            String key = m.conversation().key();
            String newest = history.subSet(MessageKeys.history(key, ""), MessageKeys.history(key, "\uffff")).isEmpty()
                    ? "" : history.subSet(MessageKeys.history(key, ""), MessageKeys.history(key, "\uffff")).last();
            state = state.withLastEntry(newest.isEmpty() ? "" : newest.substring(key.length() + 1));
        }
        recount(m.conversation(), state);
    }

    /** Moves the read position forward and counts the unread messages again. */
    void markRead(ConversationId id, long upToTime) {
        ConversationState state = state(id);
        if (upToTime > state.readTime()) {
            recount(id, state.withReadTime(upToTime));
        }
    }

    /** Counts the unread messages and mentions after the read position again, and saves the state. */
    private void recount(ConversationId id, ConversationState state) {
        int unread = 0;
        int mentions = 0;
        boolean all = false;
        Iterator<String> keys = history.subSet(MessageKeys.history(id.key(), MessageKeys.time(state.readTime() + 1)),
                true, MessageKeys.history(id.key(), "\uffff"), false).descendingIterator();
        while (keys.hasNext()) {
            Optional<StoredMessage> m = stored(MessageKeys.messageUid(keys.next()));
            if (m.isPresent() && unread(m.get(), state)) {
                unread++;
                MessageCommands.Mention mention = MessageCommands.mention(m.get().content(), userId);
                mentions += mention == MessageCommands.Mention.NONE ? 0 : 1;
                all |= mention == MessageCommands.Mention.ALL;
            }
        }
        conversations.put(id.key(), RecordCodec.write(state.withUnread(unread, mentions, all)));
    }

    private boolean unread(StoredMessage m, ConversationState state) {
        return m.counted() && !userId.equals(m.fromUserId()) && m.sentTime() > state.readTime()
                && !MessageCommands.RECALLED.equals(m.objectName());
    }

    ConversationState state(ConversationId id) {
        String json = conversations.get(id.key());
        return json == null ? ConversationState.EMPTY : RecordCodec.read(json, ConversationState.class);
    }

    Optional<StoredMessage> stored(String messageUid) {
        String json = messages.get(messageUid);
        return json == null ? Optional.empty() : Optional.of(RecordCodec.read(json, StoredMessage.class));
    }

    private static String searchText(StoredMessage m) {
        return TextFolding.fold(SearchableText.of(m.objectName(), m.content()));
    }

    private StoredConversation conversation(ConversationId id, ConversationState s) {
        Optional<StoredMessage> last = s.lastEntry().isEmpty() ? Optional.empty()
                : stored(MessageKeys.messageUid(s.lastEntry()));
        return new StoredConversation(id, last, s.unreadCount(), s.mentionCount(), s.mentionedAll(), s.readTime(),
                s.draft(), s.pinned(), s.muted());
    }

    List<StoredMessage> historyBelow(ConversationId id, String below, int limit) {
        List<StoredMessage> page = new ArrayList<>();
        Iterator<String> keys = history.subSet(MessageKeys.history(id.key(), ""), true, below, false)
                .descendingIterator();
        while (keys.hasNext() && page.size() < limit) {
            stored(MessageKeys.messageUid(keys.next())).ifPresent(page::add);
        }
        return page;
    }

    /** A page of the messages that match, newest first. */
    SearchPage search(SearchQuery query) {
        List<String> terms = SearchTokenizer.queryTerms(query.keyword());
        Set<String> tokens = new LinkedHashSet<>();
        terms.forEach(term -> tokens.addAll(SearchTokenizer.queryTokens(term)));
        String lowest = MessageKeys.time(query.sentFrom());
        String highest = MessageKeys.time(query.sentBefore());
        if (query.before().isPresent() && query.before().get().compareTo(highest) < 0) {
            highest = query.before().get();
        }
        String conversationKey = query.conversation().map(ConversationId::key).orElse(null);
        Map<String, StoredMessage> matched = new LinkedHashMap<>();
        List<String> entries = index.find(tokens, lowest, highest, entry -> {
            if (conversationKey != null && !conversationKey.equals(MessageKeys.conversationKey(entry))) {
                return false;
            }
            Optional<StoredMessage> message = stored(MessageKeys.messageUid(entry));
            if (message.isEmpty() || !query.senderId().map(message.get().fromUserId()::equals).orElse(true)) {
                return false;
            }
            if (!terms.isEmpty()) {
                String text = TextFolding.fold(SearchableText.of(message.get().objectName(),
                        message.get().content()));
                for (String term : terms) {
                    if (!text.contains(term)) {
                        return false;
                    }
                }
            }
            matched.put(entry, message.get());
            return true;
        }, query.limit() + 1);
        List<StoredMessage> page = new ArrayList<>();
        for (int i = 0; i < Math.min(entries.size(), query.limit()); i++) {
            page.add(matched.get(entries.get(i)));
        }
        Optional<String> next = entries.size() > query.limit()
                ? Optional.of(entries.get(query.limit() - 1)) : Optional.empty();
        return new SearchPage(page, next);
    }
}
