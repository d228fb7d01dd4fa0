package io.parley.client.store;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.client.SyncPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LocalStore} on a MapDB database: a file with transactions (one commit per batch), or memory. Tables:
 * {@code messages} (uid to the message, JSON), {@code history} (per conversation, by time), the {@link SearchIndex}
 * ({@code postings}, {@code timeline}, {@code tokenCounts}), {@code conversations} (their state, JSON) and
 * {@code cursors} ({@code ""} the inbox, else a group's key). One lock: writes exclusive, reads shared.
 */
final class MapDbLocalStore implements LocalStore {
    private static final Logger log = LoggerFactory.getLogger(MapDbLocalStore.class);

    private final String appKey;
    private final String userId;
    private final Path file;
    private final DB db;
    private final Map<String, String> messages;
    private final NavigableSet<String> history;
    private final SearchIndex index;
    private final Map<String, String> conversations;
    private final Map<String, Long> cursors;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** {@code file}: where {@code db} lives, deleted by {@link #wipe()}; null for memory. */
    MapDbLocalStore(String appKey, String userId, Path file, DB db) {
        this.appKey = requireNonNull(appKey, "appKey is null");
        this.userId = requireNonNull(userId, "userId is null");
        this.file = file;
        this.db = db;
        this.messages = db.treeMap("messages", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.history = db.treeSet("history", Serializer.STRING).createOrOpen();
        this.index = new SearchIndex(db.treeSet("postings", Serializer.STRING).createOrOpen(),
                db.treeSet("timeline", Serializer.STRING).createOrOpen(),
                db.treeMap("tokenCounts", Serializer.STRING, Serializer.LONG).createOrOpen());
        this.conversations = db.treeMap("conversations", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.cursors = db.treeMap("cursors", Serializer.STRING, Serializer.LONG).createOrOpen();
        Map<String, String> owner = db.treeMap("owner", Serializer.STRING, Serializer.STRING).createOrOpen();
        if (owner.isEmpty()) {
            owner.put("appKey", appKey);
            owner.put("userId", userId);
            commit();
        } else if (!appKey.equals(owner.get("appKey")) || !userId.equals(owner.get("userId"))) {
            String belongsTo = owner.get("appKey") + "/" + owner.get("userId");
            db.close();
            throw new IllegalStateException("the store belongs to " + belongsTo + ", not " + appKey + "/" + userId);
        }
    }

    @Override
    public String appKey() {
        return appKey;
    }

    @Override
    public String userId() {
        return userId;
    }

    // ---- CursorStore ----

    @Override
    public long load() {
        return read(() -> cursors.getOrDefault("", 0L));
    }

    @Override
    public void save(long inboxCursor) {
        write(() -> saveCursor(SyncPosition.inbox(inboxCursor)));
    }

    @Override
    public Map<String, Long> loadConversations() {
        return read(() -> {
            Map<String, Long> groups = new HashMap<>(cursors);
            groups.remove("");
            return Map.copyOf(groups);
        });
    }

    @Override
    public void saveConversation(String conversation, long seq) {
        write(() -> saveCursor(SyncPosition.conversation(conversation, seq)));
    }

    @Override
    public void forgetConversation(String conversation) {
        write(() -> cursors.remove(conversation));
    }

    // ---- written by the client ----

    @Override
    public void received(List<ReceivedMessage> batch, SyncPosition position) {
        write(() -> {
            for (ReceivedMessage message : batch) {
                apply(message);
            }
            saveCursor(position);
        });
    }

    private void apply(ReceivedMessage m) {
        if (m.notice() || m.conversationType() == ConversationType.CHATROOM) {
            return;
        }
        ConversationId id = new ConversationId(m.conversationType(), m.targetId());
        switch (m.objectName()) {
            case MessageCommands.RECALL -> MessageCommands.recall(m.content())
                    .ifPresent(recall -> recall(recall, m.fromUserId(), m.sentTime()));
            case MessageCommands.EXPANSION_CHANGE -> MessageCommands.expansionChange(m.content())
                    .ifPresent(this::changeExpansion);
            case MessageCommands.ULTRAGROUP_EDIT -> MessageCommands.edit(m.content()).ifPresent(this::edit);
            case MessageCommands.READ_POSITION -> {
                if (userId.equals(m.fromUserId())) {
                    MessageCommands.readTime(m.content()).ifPresent(time -> doMarkRead(id, time));
                }
            }
            default -> {
                if (m.persisted() && !m.isStatusMessage() && m.messageUid() != null) {
                    put(StoredMessage.of(m), true);
                }
            }
        }
    }

    @Override
    public void eventReceived(String name, Map<String, Object> body) {
        if (!"conversation.changed".equals(name) || !(body.get("conversationType") instanceof Number type)
                || !(body.get("targetId") instanceof String targetId)) {
            return;
        }
        Optional<ConversationType> conversationType = ConversationType.fromCode(type.intValue());
        if (conversationType.isEmpty() || conversationType.get() == ConversationType.CHATROOM) {
            return;
        }
        ConversationId id = new ConversationId(conversationType.get(), targetId);
        write(() -> {
            ConversationState state = state(id);
            if (body.get("pinned") instanceof Boolean pinned) {
                state = state.withPinned(pinned);
            }
            if (body.get("unpushLevel") instanceof Number level) {
                state = state.withMuted(level.intValue() > 0);
            }
            conversations.put(id.key(), RecordCodec.write(state));
            if (body.get("readTime") instanceof Number readTime && readTime.longValue() > 0) {
                doMarkRead(id, readTime.longValue());
            }
        });
    }

    @Override
    public void fetched(List<StoredMessage> fetched) {
        write(() -> fetched.forEach(m -> put(m, false)));
    }

    // ---- reads ----

    @Override
    public List<StoredConversation> conversations() {
        return read(() -> {
            List<StoredConversation> list = new ArrayList<>();
            conversations.forEach((key, json) -> list.add(conversation(ConversationId.ofKey(key),
                    RecordCodec.read(json, ConversationState.class))));
            list.sort(Comparator.comparing(StoredConversation::pinned).reversed()
                    .thenComparing(Comparator.comparingLong(StoredConversation::lastTime).reversed()));
            return List.copyOf(list);
        });
    }

    @Override
    public Optional<StoredConversation> conversation(ConversationId id) {
        return read(() -> Optional.ofNullable(conversations.get(id.key()))
                .map(json -> conversation(id, RecordCodec.read(json, ConversationState.class))));
    }

    private StoredConversation conversation(ConversationId id, ConversationState s) {
        Optional<StoredMessage> last = s.lastEntry().isEmpty() ? Optional.empty()
                : stored(MessageKeys.messageUid(s.lastEntry()));
        return new StoredConversation(id, last, s.unreadCount(), s.mentionCount(), s.mentionedAll(), s.readTime(),
                s.draft(), s.pinned(), s.muted());
    }

    @Override
    public List<StoredMessage> history(ConversationId id, int limit) {
        return read(() -> historyBelow(id, MessageKeys.history(id.key(), "\uffff"), limit));
    }

    @Override
    public List<StoredMessage> historyBefore(ConversationId id, StoredMessage oldestShown, int limit) {
        return read(() -> historyBelow(id, MessageKeys.history(id.key(), MessageKeys.entry(oldestShown)), limit));
    }

    private List<StoredMessage> historyBelow(ConversationId id, String below, int limit) {
        List<StoredMessage> page = new ArrayList<>();
        Iterator<String> keys = history.subSet(MessageKeys.history(id.key(), ""), true, below, false)
                .descendingIterator();
        while (keys.hasNext() && page.size() < limit) {
            stored(MessageKeys.messageUid(keys.next())).ifPresent(page::add);
        }
        return page;
    }

    @Override
    public Optional<StoredMessage> message(String messageUid) {
        return read(() -> stored(messageUid));
    }

    @Override
    public SearchPage search(SearchQuery query) {
        List<String> terms = SearchTokenizer.queryTerms(query.keyword());
        Set<String> tokens = new java.util.LinkedHashSet<>();
        terms.forEach(term -> tokens.addAll(SearchTokenizer.queryTokens(term)));
        String lowest = MessageKeys.time(query.sentFrom());
        String highest = MessageKeys.time(query.sentBefore());
        if (query.before().isPresent() && query.before().get().compareTo(highest) < 0) {
            highest = query.before().get();
        }
        String conversationKey = query.conversation().map(ConversationId::key).orElse(null);
        String lowestFinal = lowest;
        String highestFinal = highest;
        return read(() -> {
            Map<String, StoredMessage> matched = new LinkedHashMap<>();
            List<String> entries = index.find(tokens, lowestFinal, highestFinal, entry -> {
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
        });
    }

    // ---- the app's changes ----

    @Override
    public void markRead(ConversationId id, long upToTime) {
        write(() -> doMarkRead(id, upToTime));
    }

    @Override
    public void setDraft(ConversationId id, String draft) {
        write(() -> conversations.put(id.key(), RecordCodec.write(state(id).withDraft(draft == null ? "" : draft))));
    }

    @Override
    public void setPinned(ConversationId id, boolean pinned) {
        write(() -> conversations.put(id.key(), RecordCodec.write(state(id).withPinned(pinned))));
    }

    @Override
    public void setMuted(ConversationId id, boolean muted) {
        write(() -> conversations.put(id.key(), RecordCodec.write(state(id).withMuted(muted))));
    }

    @Override
    public boolean deleteMessage(String messageUid) {
        return writeAnswer(() -> stored(messageUid).map(m -> {
            remove(m);
            return true;
        }).orElse(false));
    }

    @Override
    public void deleteConversation(ConversationId id) {
        write(() -> {
            List<String> uids = new ArrayList<>();
            history.subSet(MessageKeys.history(id.key(), ""), MessageKeys.history(id.key(), "\uffff"))
                    .forEach(key -> uids.add(MessageKeys.messageUid(key)));
            uids.forEach(uid -> stored(uid).ifPresent(this::remove));
            conversations.remove(id.key());
        });
    }

    /** Closes the store and deletes its file with its write-ahead log. */
    @Override
    public void wipe() {
        lock.writeLock().lock();
        try {
            closeDb();
            if (file != null) {
                String name = file.getFileName().toString();
                try (Stream<Path> files = Files.list(file.getParent())) {
                    for (Path path : files.filter(p -> p.getFileName().toString().equals(name)
                            || p.getFileName().toString().startsWith(name + ".")).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the store " + file, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closeDb();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeDb() {
        if (!closed) {
            closed = true;
            db.close();
        }
    }

    // ---- inside the write lock ----

    /** Keeps a message unless it is kept already; {@code countable}: it may count as unread. */
    private void put(StoredMessage m, boolean countable) {
        if (messages.containsKey(m.messageUid())) {
            return;
        }
        messages.put(m.messageUid(), RecordCodec.write(m));
        String entry = MessageKeys.entry(m);
        history.add(MessageKeys.history(m.conversation().key(), entry));
        index.add(entry, searchText(m));
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
        index.remove(entry, searchText(old));
        messages.put(updated.messageUid(), RecordCodec.write(updated));
        index.add(entry, searchText(updated));
    }

    private void remove(StoredMessage m) {
        String entry = MessageKeys.entry(m);
        messages.remove(m.messageUid());
        history.remove(MessageKeys.history(m.conversation().key(), entry));
        index.remove(entry, searchText(m));
        ConversationState state = state(m.conversation());
        if (entry.equals(state.lastEntry())) {
            String key = m.conversation().key();
            String newest = history.subSet(MessageKeys.history(key, ""), MessageKeys.history(key, "\uffff")).isEmpty()
                    ? "" : history.subSet(MessageKeys.history(key, ""), MessageKeys.history(key, "\uffff")).last();
            state = state.withLastEntry(newest.isEmpty() ? "" : newest.substring(key.length() + 1));
        }
        recount(m.conversation(), state);
    }

    private void doMarkRead(ConversationId id, long upToTime) {
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

    private void saveCursor(SyncPosition position) {
        if (position.stream() != null && position.cursor() > cursors.getOrDefault(position.stream(), -1L)) {
            cursors.put(position.stream(), position.cursor());
        }
    }

    private ConversationState state(ConversationId id) {
        String json = conversations.get(id.key());
        return json == null ? ConversationState.EMPTY : RecordCodec.read(json, ConversationState.class);
    }

    private Optional<StoredMessage> stored(String messageUid) {
        String json = messages.get(messageUid);
        return json == null ? Optional.empty() : Optional.of(RecordCodec.read(json, StoredMessage.class));
    }

    private static String searchText(StoredMessage m) {
        return TextFolding.fold(SearchableText.of(m.objectName(), m.content()));
    }

    // ---- locking ----

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            checkOpen();
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable body) {
        writeAnswer(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} and commits; on a failure, rolls back what it wrote. */
    private <T> T writeAnswer(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            checkOpen();
            try {
                T answer = body.get();
                index.flush();
                commit();
                return answer;
            } catch (RuntimeException e) {
                index.discardPending();
                rollback();
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the local store of " + appKey + "/" + userId + " is closed");
        }
    }

    private void commit() {
        if (file != null) {
            db.commit();
        }
    }

    private void rollback() {
        if (file != null) {
            try {
                db.rollback();
            } catch (RuntimeException e) {
                log.warn("rollback of the local store failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "MapDbLocalStore[" + appKey + "/" + userId + (file == null ? ", memory" : "") + "]";
    }
}
