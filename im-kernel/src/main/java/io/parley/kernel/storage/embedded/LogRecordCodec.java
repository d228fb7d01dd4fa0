package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
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
