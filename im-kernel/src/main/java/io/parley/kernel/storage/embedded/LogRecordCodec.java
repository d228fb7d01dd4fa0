package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import io.parley.api.storage.RetentionCutoffs;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link LogRecord}s into bytes and back, in a hand-written {@code DataOutput} format (a type byte, then
 * fields; strings as a length and UTF-8 bytes, so no 64 KiB limit). Stateless and thread-safe. The framing
 * (length and CRC) is {@link RecordFrame}'s job.
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

    private LogRecordCodec() {
    }

    static byte[] encode(LogRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (record instanceof LogRecord.MessageCommitted m) {
                writeMessage(out, m);
            } else if (record instanceof LogRecord.MetadataPut p) {
                out.writeByte(METADATA_PUT);
                writeString(out, p.namespace());
                writeString(out, p.key());
                writeString(out, p.value());
            } else if (record instanceof LogRecord.MetadataDeleted d) {
                out.writeByte(METADATA_DELETED);
                writeString(out, d.namespace());
                writeString(out, d.key());
            } else if (record instanceof LogRecord.InboxExpired e) {
                out.writeByte(INBOX_EXPIRED);
                out.writeLong(e.cutoffMillis());
            } else if (record instanceof LogRecord.MessageDeleted d) {
                out.writeByte(MESSAGE_DELETED);
                writeString(out, d.messageUid());
            } else if (record instanceof LogRecord.HistoryCleaned c) {
                out.writeByte(HISTORY_CLEANED);
                writeString(out, c.conversationKey());
                out.writeLong(c.upToMillis());
            } else if (record instanceof LogRecord.Expired e) {
                out.writeByte(EXPIRED);
                writeCutoffs(out, e.cutoffs().inbox());
                writeCutoffs(out, e.cutoffs().messages());
            } else if (record instanceof LogRecord.HeadsKept h) {
                out.writeByte(HEADS_KEPT);
                writeHeads(out, h.conversations());
                writeHeads(out, h.inboxes());
            } else if (record instanceof LogRecord.Padding p) {
                out.writeByte(PADDING);
                out.write(new byte[Math.max(0, p.bytes() - 1)]);
            } else {
                throw new IllegalArgumentException("unknown record " + record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LogRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        byte type = in.readByte();
        return switch (type) {
            case MESSAGE -> readMessage(in);
            case METADATA_PUT -> new LogRecord.MetadataPut(readString(in), readString(in), readString(in));
            case METADATA_DELETED -> new LogRecord.MetadataDeleted(readString(in), readString(in));
            case INBOX_EXPIRED -> new LogRecord.InboxExpired(in.readLong());
            case MESSAGE_DELETED -> new LogRecord.MessageDeleted(readString(in));
            case HISTORY_CLEANED -> new LogRecord.HistoryCleaned(readString(in), in.readLong());
            case EXPIRED -> new LogRecord.Expired(new RetentionCutoffs(readCutoffs(in), readCutoffs(in)));
            case HEADS_KEPT -> new LogRecord.HeadsKept(readHeads(in), readHeads(in));
            case PADDING -> new LogRecord.Padding(payload.length);
            default -> throw new IOException("unknown log record type " + type);
        };
    }

    private static void writeMessage(DataOutputStream out, LogRecord.MessageCommitted record) throws IOException {
        Message m = record.message();
        out.writeByte(MESSAGE);
        out.writeShort(m.conversation().type().code());
        writeString(out, m.conversation().id());
        writeString(out, m.fromUserId());
        writeString(out, m.targetId());
        writeString(out, m.objectName());
        writeString(out, m.content());
        writeOptional(out, m.pushContent());
        writeOptional(out, m.pushData());
        out.writeBoolean(m.persisted());
        out.writeBoolean(m.counted());
        writeString(out, m.clientMsgId());
        out.writeShort(m.source().map(Platform::code).orElse(-1));
        out.writeLong(m.seq());
        writeString(out, m.messageUid());
        out.writeLong(m.sentTime());
        writeString(out, record.idempotencyKey());
        out.writeInt(record.inboxSeqs().size());
        for (Map.Entry<String, Long> entry : record.inboxSeqs().entrySet()) {
            writeString(out, entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    private static LogRecord.MessageCommitted readMessage(DataInputStream in) throws IOException {
        int typeCode = in.readShort();
        ConversationType type = ConversationType.fromCode(typeCode)
                .orElseThrow(() -> new IOException("unknown conversation type " + typeCode));
        ConversationKey conversation = new ConversationKey(type, readString(in));
        String from = readString(in);
        String target = readString(in);
        String objectName = readString(in);
        String content = readString(in);
        Optional<String> pushContent = readOptional(in);
        Optional<String> pushData = readOptional(in);
        boolean persisted = in.readBoolean();
        boolean counted = in.readBoolean();
        String clientMsgId = readString(in);
        Optional<Platform> source = platform(in.readShort());
        long seq = in.readLong();
        String uid = readString(in);
        long sentTime = in.readLong();
        Message message = new Message(conversation, from, target, objectName, content, pushContent, pushData,
                persisted, counted, clientMsgId, source, seq, uid, sentTime);
        String idempotencyKey = readString(in);
        int owners = in.readInt();
        Map<String, Long> inboxSeqs = new LinkedHashMap<>(Math.max(4, owners * 2));
        for (int i = 0; i < owners; i++) {
            inboxSeqs.put(readString(in), in.readLong());
        }
        return new LogRecord.MessageCommitted(message, inboxSeqs, idempotencyKey);
    }

    private static void writeHeads(DataOutputStream out, Map<String, Long> heads) throws IOException {
        out.writeInt(heads.size());
        for (Map.Entry<String, Long> entry : heads.entrySet()) {
            writeString(out, entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    private static Map<String, Long> readHeads(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, Long> heads = new java.util.HashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            heads.put(readString(in), in.readLong());
        }
        return heads;
    }

    private static void writeCutoffs(DataOutputStream out, Map<ConversationType, Long> cutoffs) throws IOException {
        out.writeInt(cutoffs.size());
        for (Map.Entry<ConversationType, Long> entry : cutoffs.entrySet()) {
            out.writeShort(entry.getKey().code());
            out.writeLong(entry.getValue());
        }
    }

    private static Map<ConversationType, Long> readCutoffs(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<ConversationType, Long> cutoffs = new java.util.EnumMap<>(ConversationType.class);
        for (int i = 0; i < count; i++) {
            int code = in.readShort();
            long cutoff = in.readLong();
            ConversationType.fromCode(code).ifPresent(type -> cutoffs.put(type, cutoff));
        }
        return cutoffs;
    }

    private static Optional<Platform> platform(int code) {
        for (Platform platform : Platform.values()) {
            if (platform.code() == code) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            writeString(out, value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
