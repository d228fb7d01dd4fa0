package io.parley.storage.postgres;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@link Message} maps to a row of the {@code messages} table: the column list for queries, reading a row
 * back, and the column arrays of a multi-row insert ({@code INSERT … SELECT * FROM unnest(…)}, one statement for a
 * whole batch). Stateless.
 */
final class MessageRows {
    /** The columns a query selects to rebuild a message, prefixed with {@code m.}. */
    static final String COLUMNS = "m.conversation, m.seq, m.target_id, m.from_user_id, m.object_name, m.content,"
            + " m.push_content, m.push_data, m.persisted, m.counted, m.client_msg_id, m.source, m.message_uid,"
            + " m.sent_time";
    /** {@link #COLUMNS} and the append's inbox seqs, for answering a retried append. */
    static final String COLUMNS_WITH_INBOXES = COLUMNS + ", m.inbox_owners, m.inbox_seqs";

    static final String INSERT = "INSERT INTO messages (conversation, seq, conversation_type, target_id, from_user_id,"
            + " object_name, content, push_content, push_data, persisted, counted, client_msg_id, source, message_uid,"
            + " sent_time, idempotency_key, inbox_owners, inbox_seqs)"
            + " SELECT c, s, t, tg, f, o, ct, pc, pd, p, cn, cm, src, u, st, decode(k, 'hex'), string_to_array(io, chr(1)),"
            + " string_to_array(isq, ',')::bigint[]"
            + " FROM unnest(?::text[], ?::bigint[], ?::smallint[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::boolean[], ?::boolean[], ?::text[], ?::smallint[], ?::text[], ?::bigint[],"
            + " ?::text[], ?::text[], ?::text[])"
            + " AS v(c, s, t, tg, f, o, ct, pc, pd, p, cn, cm, src, u, st, k, io, isq)";

    private MessageRows() {
    }

    /** Rebuilds the message whose {@link #COLUMNS} start at column {@code first}. */
    static Message read(ResultSet row, int first) throws SQLException {
        int c = first;
        ConversationKey conversation = ConversationKey.parse(row.getString(c));
        long seq = row.getLong(c + 1);
        String targetId = row.getString(c + 2);
        String from = row.getString(c + 3);
        String objectName = row.getString(c + 4);
        String content = row.getString(c + 5);
        Optional<String> pushContent = Optional.ofNullable(row.getString(c + 6));
        Optional<String> pushData = Optional.ofNullable(row.getString(c + 7));
        boolean persisted = row.getBoolean(c + 8);
        boolean counted = row.getBoolean(c + 9);
        String clientMsgId = row.getString(c + 10);
        short source = row.getShort(c + 11);
        Optional<Platform> platform = row.wasNull() ? Optional.empty() : platform(source);
        String uid = row.getString(c + 12);
        long sentTime = row.getLong(c + 13);
        return new Message(conversation, from, targetId, objectName, content, pushContent, pushData, persisted,
                counted, clientMsgId, platform, seq, uid, sentTime);
    }

    /** The inbox seqs stored with a message whose {@link #COLUMNS_WITH_INBOXES} start at column {@code first}. */
    static Map<String, Long> readInboxSeqs(ResultSet row, int first) throws SQLException {
        String[] owners = (String[]) row.getArray(first + 14).getArray();
        Long[] seqs = (Long[]) row.getArray(first + 15).getArray();
        Map<String, Long> inboxSeqs = new LinkedHashMap<>();
        for (int i = 0; i < owners.length; i++) {
            inboxSeqs.put(owners[i], seqs[i]);
        }
        return inboxSeqs;
    }

    /** An idempotency key as the hex of its UTF-8 bytes, the form the SQL decodes into the BYTEA column. */
    static String hex(String idempotencyKey) {
        return HexFormat.of().formatHex(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Platform> platform(int code) {
        for (Platform platform : Platform.values()) {
            if (platform.code() == code) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    /** Column arrays for {@link #INSERT}; add each new message, then {@link #bind}. Not thread-safe. */
    static final class Batch {
        private final List<Object[]> rows = new ArrayList<>();

        void add(Message message, String idempotencyKey, Map<String, Long> inboxSeqs) {
            rows.add(new Object[] {message.conversation().asString(), message.seq(),
                    (short) message.conversationType().code(), message.targetId(), message.fromUserId(),
                    message.objectName(), message.content(), message.pushContent().orElse(null),
                    message.pushData().orElse(null), message.persisted(), message.counted(), message.clientMsgId(),
                    message.source().map(platform -> (short) platform.code()).orElse(null), message.messageUid(),
                    // U+0001 separates the owners: user ids hold letters, digits and + | = - _ only (UserId)
                    message.sentTime(), hex(idempotencyKey), String.join("\u0001", inboxSeqs.keySet()),
                    joinLongs(inboxSeqs.values())});
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void bind(Connection connection, PreparedStatement insert) throws SQLException {
            String[] types = {"text", "int8", "int2", "text", "text", "text", "text", "text", "text", "bool",
                    "bool", "text", "int2", "text", "int8", "text", "text", "text"};
            for (int column = 0; column < types.length; column++) {
                Object[] values = new Object[rows.size()];
                for (int row = 0; row < rows.size(); row++) {
                    values[row] = rows.get(row)[column];
                }
                Array array = connection.createArrayOf(types[column], values);
                insert.setArray(column + 1, array);
            }
        }

        private static String joinLongs(Iterable<Long> values) {
            StringBuilder text = new StringBuilder();
            for (Long value : values) {
                if (!text.isEmpty()) {
                    text.append(',');
                }
                text.append(value);
            }
            return text.toString();
        }
    }
}
