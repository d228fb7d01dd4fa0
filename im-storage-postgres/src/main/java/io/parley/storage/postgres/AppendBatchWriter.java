package io.parley.storage.postgres;

import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes one batch of appends in the caller's transaction, assigning the seqs in that same transaction:
 * <ol>
 *   <li>locks the head rows of every conversation and inbox in the batch ({@code SELECT … FOR UPDATE}, in key
 *       order, so that two nodes locking overlapping sets cannot deadlock), which serializes every writer of
 *       those conversations and inboxes, on this node or another, until commit;</li>
 *   <li>looks up the batch's idempotency keys (after the locks, so a retry racing its original on another node
 *       sees the original's committed row) and answers those with the first result;</li>
 *   <li>numbers the rest from the locked heads, in batch order, and inserts the messages, the inbox entries and
 *       the new heads with one statement each.</li>
 * </ol>
 * Gapless because a seq is only taken from a locked head and the head moves in the transaction that inserts
 * the rows: a rolled-back batch takes nothing. Stateless; the caller commits.
 */
final class AppendBatchWriter {
    private static final String LOCK_CONVERSATIONS = "SELECT conversation, head FROM conversation_heads"
            + " WHERE conversation = ANY(?) ORDER BY conversation FOR UPDATE";
    private static final String LOCK_INBOXES = "SELECT user_id, head FROM inbox_heads"
            + " WHERE user_id = ANY(?) ORDER BY user_id FOR UPDATE";
    private static final String FIND_KEYS = "SELECT encode(m.idempotency_key, 'hex'), "
            + MessageRows.COLUMNS_WITH_INBOXES + " FROM messages m WHERE m.idempotency_key = ANY(?::bytea[])";
    private static final String INSERT_INBOX_ENTRIES = "INSERT INTO inbox_entries"
            + " (user_id, inbox_seq, conversation, seq, conversation_type, sent_time)"
            + " SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::smallint[], ?::bigint[])";
    private static final String UPDATE_CONVERSATION_HEADS = "UPDATE conversation_heads h SET head = v.head"
            + " FROM unnest(?::text[], ?::bigint[]) AS v(conversation, head) WHERE h.conversation = v.conversation";
    private static final String INSERT_CONVERSATION_HEADS = "INSERT INTO conversation_heads (conversation, head)"
            + " SELECT * FROM unnest(?::text[], ?::bigint[])";
    private static final String UPDATE_INBOX_HEADS = "UPDATE inbox_heads h SET head = v.head"
            + " FROM unnest(?::text[], ?::bigint[]) AS v(user_id, head) WHERE h.user_id = v.user_id";
    private static final String INSERT_INBOX_HEADS = "INSERT INTO inbox_heads (user_id, head)"
            + " SELECT * FROM unnest(?::text[], ?::bigint[])";

    private AppendBatchWriter() {
    }

    /** Writes {@code requests} in {@code connection}'s open transaction; returns one result per request, in order. */
    static List<AppendResult> write(Connection connection, List<AppendRequest> requests) throws SQLException {
        TreeSet<String> conversations = new TreeSet<>();
        TreeSet<String> owners = new TreeSet<>();
        List<String> keys = new ArrayList<>(requests.size());
        for (AppendRequest request : requests) {
            conversations.add(request.message().conversation().asString());
            owners.addAll(request.inboxOwners());
            keys.add(MessageRows.hex(request.idempotencyKey()));
        }
        Heads conversationHeads = Heads.lock(connection, LOCK_CONVERSATIONS, conversations);
        Heads inboxHeads = Heads.lock(connection, LOCK_INBOXES, owners);
        Map<String, AppendResult> committed = findCommitted(connection, keys);

        List<AppendResult> results = new ArrayList<>(requests.size());
        MessageRows.Batch messageRows = new MessageRows.Batch();
        InboxRows inboxRows = new InboxRows();
        for (AppendRequest request : requests) {
            String key = MessageRows.hex(request.idempotencyKey());
            AppendResult earlier = committed.get(key);
            if (earlier != null) {
                results.add(new AppendResult(earlier.message(), earlier.inboxSeqs(), true));
                continue;
            }
            Message message = request.message().withSeq(conversationHeads.next(request.message().conversation().asString()));
            Map<String, Long> inboxSeqs = new LinkedHashMap<>();
            for (String owner : request.inboxOwners()) {
                if (!inboxSeqs.containsKey(owner)) {
                    long inboxSeq = inboxHeads.next(owner);
                    inboxSeqs.put(owner, inboxSeq);
                    inboxRows.add(owner, inboxSeq, message);
                }
            }
            AppendResult result = new AppendResult(message, inboxSeqs, false);
            messageRows.add(message, request.idempotencyKey(), inboxSeqs);
            committed.put(key, result);
            results.add(result);
        }
        if (!messageRows.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(MessageRows.INSERT)) {
                messageRows.bind(connection, insert);
                insert.executeUpdate();
            }
            inboxRows.insert(connection);
            conversationHeads.save(connection, UPDATE_CONVERSATION_HEADS, INSERT_CONVERSATION_HEADS);
            inboxHeads.save(connection, UPDATE_INBOX_HEADS, INSERT_INBOX_HEADS);
        }
        return results;
    }

    private static Map<String, AppendResult> findCommitted(Connection connection, List<String> keys)
            throws SQLException {
        Map<String, AppendResult> found = new HashMap<>();
        try (PreparedStatement find = connection.prepareStatement(FIND_KEYS)) {
            byte[][] bytes = keys.stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new);
            find.setArray(1, connection.createArrayOf("bytea", bytes));
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), new AppendResult(MessageRows.read(rows, 2),
                            MessageRows.readInboxSeqs(rows, 2), false));
                }
            }
        }
        return found;
    }

    /** Locked heads of one kind (conversations or inboxes), and which of them this batch moved. */
    private static final class Heads {
        private final Map<String, Long> stored = new HashMap<>();
        private final Map<String, Long> moved = new TreeMap<>();

        static Heads lock(Connection connection, String sql, TreeSet<String> keys) throws SQLException {
            Heads heads = new Heads();
            try (PreparedStatement lock = connection.prepareStatement(sql)) {
                lock.setArray(1, connection.createArrayOf("text", keys.toArray()));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        heads.stored.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return heads;
        }

        long next(String key) {
            long next = moved.getOrDefault(key, stored.getOrDefault(key, 0L)) + 1;
            moved.put(key, next);
            return next;
        }

        /** Updates the heads that existed and inserts the new ones (a new key raced by another node fails with 23505). */
        void save(Connection connection, String updateSql, String insertSql) throws SQLException {
            List<String> updatedKeys = new ArrayList<>();
            List<Long> updatedHeads = new ArrayList<>();
            List<String> newKeys = new ArrayList<>();
            List<Long> newHeads = new ArrayList<>();
            moved.forEach((key, head) -> {
                boolean existed = stored.containsKey(key);
                (existed ? updatedKeys : newKeys).add(key);
                (existed ? updatedHeads : newHeads).add(head);
            });
            execute(connection, updateSql, updatedKeys, updatedHeads);
            execute(connection, insertSql, newKeys, newHeads);
        }

        private static void execute(Connection connection, String sql, List<String> keys, List<Long> heads)
                throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
                statement.setArray(2, connection.createArrayOf("int8", heads.toArray()));
                statement.executeUpdate();
            }
        }
    }

    /** The inbox entries of a batch, as column arrays for one insert. */
    private static final class InboxRows {
        private final List<Object> users = new ArrayList<>();
        private final List<Object> inboxSeqs = new ArrayList<>();
        private final List<Object> conversations = new ArrayList<>();
        private final List<Object> seqs = new ArrayList<>();
        private final List<Object> types = new ArrayList<>();
        private final List<Object> sentTimes = new ArrayList<>();

        void add(String user, long inboxSeq, Message message) {
            users.add(user);
            inboxSeqs.add(inboxSeq);
            conversations.add(message.conversation().asString());
            seqs.add(message.seq());
            types.add((short) message.conversationType().code());
            sentTimes.add(message.sentTime());
        }

        void insert(Connection connection) throws SQLException {
            if (users.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_INBOX_ENTRIES)) {
                insert.setArray(1, connection.createArrayOf("text", users.toArray()));
                insert.setArray(2, connection.createArrayOf("int8", inboxSeqs.toArray()));
                insert.setArray(3, connection.createArrayOf("text", conversations.toArray()));
                insert.setArray(4, connection.createArrayOf("int8", seqs.toArray()));
                insert.setArray(5, connection.createArrayOf("int2", types.toArray()));
                insert.setArray(6, connection.createArrayOf("int8", sentTimes.toArray()));
                insert.executeUpdate();
            }
        }
    }
}
