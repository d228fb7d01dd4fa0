package io.parley.storage.postgres;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.RetentionCutoffs;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Removes messages (with their inbox entries) and inbox entries in bounded batches: each batch is one statement
 * of at most {@code deleteBatch} rows, committed on its own, so a retention sweep over millions of rows holds
 * row locks only on the rows it is deleting, for one short transaction at a time, and never on the head rows
 * that appends lock. Appends and sweeps therefore run side by side. Heads are never touched: seqs are not reused.
 * Thread-safe.
 */
final class MessageRemoval {
    /** Deletes a batch of messages chosen by {@code %s} (a condition on {@code messages}) and their inbox entries. */
    private static final String REMOVE_MESSAGES = "WITH doomed AS (SELECT conversation, seq FROM messages WHERE %s LIMIT ?),"
            + " gone AS (DELETE FROM messages m USING doomed d WHERE m.conversation = d.conversation AND m.seq = d.seq"
            + " RETURNING m.conversation, m.seq),"
            + " entries AS (DELETE FROM inbox_entries e USING gone g WHERE e.conversation = g.conversation"
            + " AND e.seq = g.seq RETURNING 1)"
            + " SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM entries)";
    private static final String BY_UID = String.format(REMOVE_MESSAGES, "message_uid = ?");
    private static final String BY_CONVERSATION = String.format(REMOVE_MESSAGES,
            "conversation = ? AND seq <= ? AND sent_time <= ?");
    private static final String BY_TYPE_AND_AGE = String.format(REMOVE_MESSAGES,
            "conversation_type = ? AND sent_time < ?");
    private static final String EXPIRE_INBOX_ENTRIES = "WITH doomed AS (SELECT user_id, inbox_seq FROM inbox_entries"
            + " WHERE conversation_type = ? AND sent_time < ? LIMIT ?)"
            + " DELETE FROM inbox_entries e USING doomed d WHERE e.user_id = d.user_id AND e.inbox_seq = d.inbox_seq";

    private final Jdbc jdbc;
    private final int deleteBatch;

    /** What one batch removed. */
    private record Removed(long messages, long inboxEntries) {
    }

    /** Binds a removal's condition parameters, and its batch size after them. */
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    MessageRemoval(Jdbc jdbc, int deleteBatch) {
        this.jdbc = jdbc;
        this.deleteBatch = deleteBatch;
    }

    boolean deleteMessage(String messageUid) {
        return removeOneBatch("delete message " + messageUid, BY_UID, 1, statement -> statement.setString(1, messageUid))
                .messages() > 0;
    }

    /** Removes the messages of {@code conversation} up to {@code head} sent at or before {@code upToMillis}. */
    long cleanHistory(String conversation, long head, long upToMillis) {
        return removeAll("clean conversation " + conversation, BY_CONVERSATION, statement -> {
            statement.setString(1, conversation);
            statement.setLong(2, head);
            statement.setLong(3, upToMillis);
        }).messages();
    }

    ExpiryResult expire(RetentionCutoffs cutoffs) {
        long messages = 0;
        long inboxEntries = 0;
        for (Map.Entry<ConversationType, Long> cutoff : cutoffs.messages().entrySet()) {
            Removed removed = removeAll("expire " + cutoff.getKey() + " messages", BY_TYPE_AND_AGE,
                    byTypeAndAge(cutoff));
            messages += removed.messages();
            inboxEntries += removed.inboxEntries();
        }
        for (Map.Entry<ConversationType, Long> cutoff : cutoffs.inbox().entrySet()) {
            Binder condition = byTypeAndAge(cutoff);
            int removed;
            do {
                removed = jdbc.call("expire " + cutoff.getKey() + " inbox entries", connection -> {
                    try (PreparedStatement expire = connection.prepareStatement(EXPIRE_INBOX_ENTRIES)) {
                        condition.bind(expire);
                        expire.setInt(3, deleteBatch);
                        return expire.executeUpdate();
                    }
                });
                inboxEntries += removed;
            } while (removed == deleteBatch);
        }
        return new ExpiryResult(inboxEntries, messages, 0);
    }

    private static Binder byTypeAndAge(Map.Entry<ConversationType, Long> cutoff) {
        return statement -> {
            statement.setShort(1, (short) cutoff.getKey().code());
            statement.setLong(2, cutoff.getValue());
        };
    }

    private Removed removeAll(String what, String sql, Binder condition) {
        long messages = 0;
        long inboxEntries = 0;
        Removed batch;
        do {
            batch = removeOneBatch(what, sql, deleteBatch, condition);
            messages += batch.messages();
            inboxEntries += batch.inboxEntries();
        } while (batch.messages() == deleteBatch);
        return new Removed(messages, inboxEntries);
    }

    private Removed removeOneBatch(String what, String sql, int limit, Binder condition) {
        return jdbc.call(what, connection -> {
            try (PreparedStatement remove = connection.prepareStatement(sql)) {
                condition.bind(remove);
                remove.setInt((int) sql.chars().filter(c -> c == '?').count(), limit); // the batch size is the last parameter
                try (ResultSet rows = remove.executeQuery()) {
                    rows.next();
                    return new Removed(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }
}
