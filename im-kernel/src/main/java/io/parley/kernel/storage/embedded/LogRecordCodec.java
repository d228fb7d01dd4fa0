package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import io.parley.api.storage.RetentionCutoffs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link LogRecord}s into bytes and back, in a hand-written binary format (a type byte, then fields, big-endian;
 * strings as an int length and UTF-8 bytes, so no 64 KiB limit). Encoding writes into a {@link FrameBuffer} (the
 * committer's batch); decoding reads a payload through a {@link ByteBuffer}, building each string straight from the
 * payload's bytes. Stateless and thread-safe. The framing (length and CRC) is {@link RecordFrame}'s job.
 */
final class LogRecordCodec {
    private static final byte MESSAGE = 1;
    private static final byte METADATA_PUT = 2;
    private static final byte METADATA_DELETED = 3;
    private static final byte INBOX_EXPIRED = 4;
    private static final byte MESSAGE_DELETED = 5;
    private static final byte HISTORY_CLEANED = 6;
    private static final byte EXPIRED = 7;
    private static final byte HEADS_KEPT = 8;
    private static final byte PADDING = 127;
    private static final Platform[] PLATFORMS = Platform.values();

    private LogRecordCodec() {
    }

    /** The payload of one record, as a new array (repair and tests; the committer writes into its buffer). */
    /** Writes the payload of {@code record}. */
    static void write(LogRecord record, FrameBuffer out) {
        if (record instanceof LogRecord.MessageCommitted m) {
            writeMessage(out, m);
        } else if (record instanceof LogRecord.MetadataPut p) {
            out.putByte(METADATA_PUT);
            out.putString(p.namespace());
            out.putString(p.key());
            out.putString(p.value());
        } else if (record instanceof LogRecord.MetadataDeleted d) {
            out.putByte(METADATA_DELETED);
            out.putString(d.namespace());
            out.putString(d.key());
        } else if (record instanceof LogRecord.InboxExpired e) {
            out.putByte(INBOX_EXPIRED);
            out.putLong(e.cutoffMillis());
        } else if (record instanceof LogRecord.MessageDeleted d) {
            out.putByte(MESSAGE_DELETED);
            out.putString(d.messageUid());
        } else if (record instanceof LogRecord.HistoryCleaned c) {
            out.putByte(HISTORY_CLEANED);
            out.putString(c.conversationKey());
            out.putLong(c.upToMillis());
        } else if (record instanceof LogRecord.Expired e) {
            out.putByte(EXPIRED);
            writeCutoffs(out, e.cutoffs().inbox());
            writeCutoffs(out, e.cutoffs().messages());
        } else if (record instanceof LogRecord.HeadsKept h) {
            out.putByte(HEADS_KEPT);
            writeHeads(out, h.conversations());
            writeHeads(out, h.inboxes());
        } else if (record instanceof LogRecord.Padding p) {
            out.putByte(PADDING);
            out.putBytes(new byte[Math.max(0, p.bytes() - 1)]);
        } else {
            throw new IllegalArgumentException("unknown record " + record);
        }
    }

    static LogRecord decode(byte[] payload) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            byte type = in.get();
            return switch (type) {
                case MESSAGE -> readMessage(in);
                case METADATA_PUT -> new LogRecord.MetadataPut(readString(in), readString(in), readString(in));
                case METADATA_DELETED -> new LogRecord.MetadataDeleted(readString(in), readString(in));
                case INBOX_EXPIRED -> new LogRecord.InboxExpired(in.getLong());
                case MESSAGE_DELETED -> new LogRecord.MessageDeleted(readString(in));
                case HISTORY_CLEANED -> new LogRecord.HistoryCleaned(readString(in), in.getLong());
                case EXPIRED -> new LogRecord.Expired(new RetentionCutoffs(readCutoffs(in), readCutoffs(in)));
                case HEADS_KEPT -> new LogRecord.HeadsKept(readHeads(in), readHeads(in));
                case PADDING -> new LogRecord.Padding(payload.length);
                default -> throw new IOException("unknown log record type " + type);
            };
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("a log record does not decode: " + e, e);
        }
    }

    private static void writeMessage(FrameBuffer out, LogRecord.MessageCommitted record) {
        Message m = record.message();
        out.putByte(MESSAGE);
        out.putShort(m.conversation().type().code());
        out.putString(m.conversation().id());
        out.putString(m.fromUserId());
        out.putString(m.targetId());
        out.putString(m.objectName());
        out.putString(m.content());
        writeOptional(out, m.pushContent());
        writeOptional(out, m.pushData());
        out.putBoolean(m.persisted());
        out.putBoolean(m.counted());
        out.putString(m.clientMsgId());
        out.putShort(m.source().map(Platform::code).orElse(-1));
        out.putLong(m.seq());
        out.putString(m.messageUid());
        out.putLong(m.sentTime());
        out.putString(record.idempotencyKey());
        out.putInt(record.inboxSeqs().size());
        for (Map.Entry<String, Long> entry : record.inboxSeqs().entrySet()) {
            out.putString(entry.getKey());
            out.putLong(entry.getValue());
        }
    }

    private static LogRecord.MessageCommitted readMessage(ByteBuffer in) throws IOException {
        int typeCode = in.getShort();
        ConversationType type = ConversationType.fromCode(typeCode)
                .orElseThrow(() -> new IOException("unknown conversation type " + typeCode));
        ConversationKey conversation = new ConversationKey(type, readString(in));
        String from = readString(in);
        String target = readString(in);
        String objectName = readString(in);
        String content = readString(in);
        Optional<String> pushContent = readOptional(in);
        Optional<String> pushData = readOptional(in);
        boolean persisted = in.get() != 0;
        boolean counted = in.get() != 0;
        String clientMsgId = readString(in);
        Optional<Platform> source = platform(in.getShort());
        long seq = in.getLong();
        String uid = readString(in);
        long sentTime = in.getLong();
        Message message = new Message(conversation, from, target, objectName, content, pushContent, pushData,
                persisted, counted, clientMsgId, source, seq, uid, sentTime);
        String idempotencyKey = readString(in);
        int owners = in.getInt();
        if (owners < 0 || owners > in.remaining()) {
            throw new IOException("bad inbox owner count " + owners);
        }
        Map<String, Long> inboxSeqs = new LinkedHashMap<>(Math.max(4, owners * 2));
        for (int i = 0; i < owners; i++) {
            inboxSeqs.put(readString(in), in.getLong());
        }
        return new LogRecord.MessageCommitted(message, inboxSeqs, idempotencyKey);
    }

    private static void writeHeads(FrameBuffer out, Map<String, Long> heads) {
        out.putInt(heads.size());
        for (Map.Entry<String, Long> entry : heads.entrySet()) {
            out.putString(entry.getKey());
            out.putLong(entry.getValue());
        }
    }

    private static Map<String, Long> readHeads(ByteBuffer in) throws IOException {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IOException("bad head count " + count);
        }
        Map<String, Long> heads = new java.util.HashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            heads.put(readString(in), in.getLong());
        }
        return heads;
    }

    private static void writeCutoffs(FrameBuffer out, Map<ConversationType, Long> cutoffs) {
        out.putInt(cutoffs.size());
        for (Map.Entry<ConversationType, Long> entry : cutoffs.entrySet()) {
            out.putShort(entry.getKey().code());
            out.putLong(entry.getValue());
        }
    }

    private static Map<ConversationType, Long> readCutoffs(ByteBuffer in) throws IOException {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IOException("bad cutoff count " + count);
        }
        Map<ConversationType, Long> cutoffs = new java.util.EnumMap<>(ConversationType.class);
        for (int i = 0; i < count; i++) {
            int code = in.getShort();
            long cutoff = in.getLong();
            ConversationType.fromCode(code).ifPresent(type -> cutoffs.put(type, cutoff));
        }
        return cutoffs;
    }

    private static Optional<Platform> platform(int code) {
        for (Platform platform : PLATFORMS) {
            if (platform.code() == code) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    private static void writeOptional(FrameBuffer out, Optional<String> value) {
        out.putBoolean(value.isPresent());
        if (value.isPresent()) {
            out.putString(value.get());
        }
    }

    private static Optional<String> readOptional(ByteBuffer in) throws IOException {
        return in.get() != 0 ? Optional.of(readString(in)) : Optional.empty();
    }

    private static String readString(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("bad string length " + length);
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
