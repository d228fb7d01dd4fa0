package io.parley.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The {@link MessageStore} on PostgreSQL. Appends go through the {@link AppendCommitter} (group commit); reads
 * are plain queries on a pooled connection and see only committed rows, and a head is read before the rows it
 * bounds, so a reader never sees a seq its head does not cover. Removals are delegated to {@link MessageRemoval}
 * (bounded batches). Heads are read from the database on every call: another node may have moved them.
 * Thread-safe; every read blocks on the database.
 */
final class PostgresMessageStore implements MessageStore {
    /** The most seqs one inbox page covers, as the SPI allows: a long run of skipped entries costs several pages. */
    private static final int MAX_SCAN = 1000;
    private static final int SCAN_FETCH_SIZE = 1000;

    private static final String INBOX_HEAD = "SELECT head FROM inbox_heads WHERE user_id = ?";
    private static final String CONVERSATION_HEAD = "SELECT head FROM conversation_heads WHERE conversation = ?";
    private static final String READ_INBOX = "SELECT e.inbox_seq, " + MessageRows.COLUMNS
            + " FROM inbox_entries e JOIN messages m ON m.conversation = e.conversation AND m.seq = e.seq"
            + " WHERE e.user_id = ? AND e.inbox_seq > ? AND e.inbox_seq <= ? AND e.sent_time >= ?"
            + " ORDER BY e.inbox_seq LIMIT ?";
    private static final String READ_AFTER = "SELECT " + MessageRows.COLUMNS + " FROM messages m"
            + " WHERE m.conversation = ? AND m.seq > ? ORDER BY m.seq LIMIT ?";
    private static final String READ_BEFORE = "SELECT " + MessageRows.COLUMNS + " FROM messages m"
            + " WHERE m.conversation = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?";
    private static final String SEQ_AT_TIME = "SELECT m.seq FROM messages m"
            + " WHERE m.conversation = ? AND m.sent_time >= ? ORDER BY m.sent_time, m.seq LIMIT 1";
    private static final String FIND_BY_UID = "SELECT " + MessageRows.COLUMNS + " FROM messages m WHERE m.message_uid = ?";
    /** Every type listed, so the scan walks the (type, sent_time) index rather than the whole table. */
    private static final String SCAN_BY_TIME = "SELECT " + MessageRows.COLUMNS + " FROM messages m"
            + " WHERE m.conversation_type = ANY(?) AND m.sent_time >= ? AND m.sent_time < ?"
            + " ORDER BY m.sent_time, m.conversation, m.seq";
    private static final Short[] ALL_TYPE_CODES = java.util.Arrays.stream(ConversationType.values())
            .map(type -> (short) type.code()).toArray(Short[]::new);

    private final Jdbc jdbc;
    private final AppendCommitter committer;
    private final MessageRemoval removal;
    private final Set<StorageCapability> capabilities;

    PostgresMessageStore(Jdbc jdbc, AppendCommitter committer, MessageRemoval removal,
            Set<StorageCapability> capabilities) {
        this.jdbc = jdbc;
        this.committer = committer;
        this.removal = removal;
        this.capabilities = capabilities;
    }

    @Override
    public CompletionStage<AppendResult> append(AppendRequest request) {
        requireNonNull(request, "request is null");
        return committer.submit(request);
    }

    @Override
    public InboxPage readInbox(String userId, long afterSeq, int limit, long notBeforeMillis) {
        requireNonNull(userId, "userId is null");
        checkLimit(limit);
        return jdbc.call("read the inbox of " + userId, connection -> {
            long head = head(connection, INBOX_HEAD, userId);
            if (afterSeq >= head) {
                return new InboxPage(List.of(), Math.max(afterSeq, head), true);
            }
            long scanTo = Math.min(head, afterSeq + Math.max(limit, MAX_SCAN));
            List<InboxEntry> entries = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement(READ_INBOX)) {
                read.setString(1, userId);
                read.setLong(2, afterSeq);
                read.setLong(3, scanTo);
                read.setLong(4, notBeforeMillis);
                read.setInt(5, limit + 1);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new InboxEntry(rows.getLong(1), MessageRows.read(rows, 2)));
                    }
                }
            }
            long cursor = scanTo;
            if (entries.size() > limit) {
                entries = entries.subList(0, limit);
                cursor = entries.get(limit - 1).inboxSeq();
            }
            return new InboxPage(entries, cursor, cursor >= head);
        });
    }

    @Override
    public long inboxHead(String userId) {
        requireNonNull(userId, "userId is null");
        return jdbc.call("read the inbox head of " + userId, connection -> head(connection, INBOX_HEAD, userId));
    }

    @Override
    public List<Message> readConversation(ConversationKey conversation, long afterSeq, int limit) {
        return readRange(conversation, READ_AFTER, afterSeq, limit);
    }

    @Override
    public List<Message> readConversationBefore(ConversationKey conversation, long beforeSeq, int limit) {
        return readRange(conversation, READ_BEFORE, beforeSeq <= 0 ? Long.MAX_VALUE : beforeSeq, limit);
    }

    private List<Message> readRange(ConversationKey conversation, String sql, long bound, int limit) {
        requireNonNull(conversation, "conversation is null");
        checkLimit(limit);
        return jdbc.call("read conversation " + conversation.asString(), connection -> {
            try (PreparedStatement read = connection.prepareStatement(sql)) {
                read.setString(1, conversation.asString());
                read.setLong(2, bound);
                read.setInt(3, limit);
                return readMessages(read);
            }
        });
    }

    @Override
    public long conversationHead(ConversationKey conversation) {
        requireNonNull(conversation, "conversation is null");
        return jdbc.call("read the head of " + conversation.asString(),
                connection -> head(connection, CONVERSATION_HEAD, conversation.asString()));
    }

    @Override
    public long seqAtTime(ConversationKey conversation, long millis) {
        StorageCapability.HISTORY_BY_TIME.requireIn(capabilities);
        requireNonNull(conversation, "conversation is null");
        return jdbc.call("find a seq by time in " + conversation.asString(), connection -> {
            long head = head(connection, CONVERSATION_HEAD, conversation.asString());
            try (PreparedStatement find = connection.prepareStatement(SEQ_AT_TIME)) {
                find.setString(1, conversation.asString());
                find.setLong(2, millis);
                try (ResultSet rows = find.executeQuery()) {
                    return rows.next() ? Math.min(rows.getLong(1), head + 1) : head + 1;
                }
            }
        });
    }

    @Override
    public Optional<Message> findByUid(String messageUid) {
        requireNonNull(messageUid, "messageUid is null");
        return jdbc.call("find message " + messageUid, connection -> {
            try (PreparedStatement find = connection.prepareStatement(FIND_BY_UID)) {
                find.setString(1, messageUid);
                return readMessages(find).stream().findFirst();
            }
        });
    }

    @Override
    public boolean deleteMessage(String messageUid) {
        StorageCapability.DELETE_MESSAGE.requireIn(capabilities);
        requireNonNull(messageUid, "messageUid is null");
        return removal.deleteMessage(messageUid);
    }

    @Override
    public long cleanHistory(ConversationKey conversation, long upToMillis) {
        StorageCapability.CLEAN_HISTORY.requireIn(capabilities);
        requireNonNull(conversation, "conversation is null");
        return removal.cleanHistory(conversation.asString(), conversationHead(conversation), upToMillis);
    }

    @Override
    public ExpiryResult expire(RetentionCutoffs cutoffs) {
        StorageCapability.RETENTION.requireIn(capabilities);
        requireNonNull(cutoffs, "cutoffs is null");
        return removal.expire(cutoffs);
    }

    @Override
    public void scanByTime(long fromMillis, long toMillis, Consumer<Message> sink) {
        StorageCapability.SCAN_BY_TIME.requireIn(capabilities);
        requireNonNull(sink, "sink is null");
        jdbc.inTransaction("scan messages by time", connection -> {
            try (PreparedStatement scan = connection.prepareStatement(SCAN_BY_TIME)) {
                scan.setFetchSize(SCAN_FETCH_SIZE);
                scan.setArray(1, connection.createArrayOf("int2", ALL_TYPE_CODES));
                scan.setLong(2, fromMillis);
                scan.setLong(3, toMillis);
                try (ResultSet rows = scan.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(MessageRows.read(rows, 1));
                    }
                }
            }
            return null;
        });
    }

    private static long head(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(sql)) {
            read.setString(1, key);
            try (ResultSet rows = read.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static List<Message> readMessages(PreparedStatement query) throws SQLException {
        List<Message> messages = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                messages.add(MessageRows.read(rows, 1));
            }
        }
        return messages;
    }

    private void checkLimit(int limit) {
        if (limit < 1) {
            throw ImException.invalidParameter("limit must be positive, was " + limit);
        }
        jdbc.checkOpen();
    }
}
