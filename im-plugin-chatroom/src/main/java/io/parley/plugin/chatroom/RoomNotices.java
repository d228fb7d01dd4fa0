package io.parley.plugin.chatroom;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one node's chatroom plugin tells the others ({@link RoomPeers}), and its bytes: a room message (with
 * whether a slow device may skip it), a room destroyed, users gagged or ungagged in a room, a room muted or not, a
 * ban or block notice for a room's members ({@link MemberNotice}). One job: the encoding; versioned by its first
 * byte.
 */
final class RoomNotices {
    private static final int VERSION = 1;
    private static final int MESSAGE = 1;
    private static final int DESTROYED = 2;
    private static final int GAGGED = 3;
    private static final int UNGAGGED = 4;
    private static final int MUTED = 5;
    private static final int MEMBER_NOTICE = 6;

    /** Something another node did to a room. */
    sealed interface Notice permits RoomMessage, RoomDestroyed, RoomGagged, RoomUngagged, RoomMuted, MemberNotice {
    }

    /** A message committed on another node, with its room seq. */
    record RoomMessage(Message message, boolean droppable) implements Notice {
    }

    record RoomDestroyed(String roomId, String reason) implements Notice {
    }

    /** Users gagged in a room until {@code untilMillis}. */
    record RoomGagged(String roomId, List<String> userIds, long untilMillis) implements Notice {
    }

    record RoomUngagged(String roomId, List<String> userIds) implements Notice {
    }

    /** A whole room muted ({@code /chatroom/ban/add.json}) or not. */
    record RoomMuted(String roomId, boolean muted) implements Notice {
    }

    private RoomNotices() {
    }

    static byte[] encode(Notice notice) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (notice instanceof RoomMessage room) {
                Message m = room.message();
                out.writeByte(MESSAGE);
                out.writeBoolean(room.droppable());
                writeString(out, m.conversation().id());
                writeString(out, m.fromUserId());
                writeString(out, m.targetId());
                writeString(out, m.objectName());
                writeString(out, m.content());
                writeString(out, m.pushContent().orElse(null));
                writeString(out, m.pushData().orElse(null));
                out.writeBoolean(m.persisted());
                out.writeBoolean(m.counted());
                writeString(out, m.clientMsgId());
                out.writeInt(m.source().map(Platform::code).orElse(-1));
                out.writeLong(m.seq());
                writeString(out, m.messageUid());
                out.writeLong(m.sentTime());
                out.writeBoolean(m.disablePush());
            } else if (notice instanceof RoomDestroyed destroyed) {
                out.writeByte(DESTROYED);
                writeString(out, destroyed.roomId());
                writeString(out, destroyed.reason());
            } else if (notice instanceof RoomGagged gagged) {
                out.writeByte(GAGGED);
                writeString(out, gagged.roomId());
                writeList(out, gagged.userIds());
                out.writeLong(gagged.untilMillis());
            } else if (notice instanceof RoomUngagged ungagged) {
                out.writeByte(UNGAGGED);
                writeString(out, ungagged.roomId());
                writeList(out, ungagged.userIds());
            } else if (notice instanceof RoomMuted muted) {
                out.writeByte(MUTED);
                writeString(out, muted.roomId());
                out.writeBoolean(muted.muted());
            } else if (notice instanceof MemberNotice member) {
                out.writeByte(MEMBER_NOTICE);
                writeString(out, member.event());
                writeString(out, member.roomId());
                out.writeInt(member.type());
                out.writeLong(member.durationMillis());
                out.writeLong(member.operateTime());
                writeList(out, member.userIds());
                writeString(out, member.extra());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a notice of this version */
    static Notice decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("chatroom notice version " + version + ", this node reads "
                        + VERSION + ": run one Parley version across the cluster");
            }
            int kind = in.readUnsignedByte();
            return switch (kind) {
                case MESSAGE -> {
                    boolean droppable = in.readBoolean();
                    ConversationKey room = new ConversationKey(ConversationType.CHATROOM, readString(in));
                    String from = readString(in);
                    String targetId = readString(in);
                    String objectName = readString(in);
                    String content = readString(in);
                    Optional<String> pushContent = Optional.ofNullable(readString(in));
                    Optional<String> pushData = Optional.ofNullable(readString(in));
                    boolean persisted = in.readBoolean();
                    boolean counted = in.readBoolean();
                    String clientMsgId = readString(in);
                    int source = in.readInt();
                    Optional<Platform> platform = source < 0 ? Optional.empty() : Optional.of(platform(source));
                    long seq = in.readLong();
                    String uid = readString(in);
                    long sentTime = in.readLong();
                    boolean disablePush = in.readBoolean();
                    yield new RoomMessage(new Message(room, from, targetId, objectName, content, pushContent,
                            pushData, persisted, counted, clientMsgId, platform, seq, uid, sentTime, disablePush),
                            droppable);
                }
                case DESTROYED -> new RoomDestroyed(readString(in), readString(in));
                case GAGGED -> new RoomGagged(readString(in), readList(in), in.readLong());
                case UNGAGGED -> new RoomUngagged(readString(in), readList(in));
                case MUTED -> new RoomMuted(readString(in), in.readBoolean());
                case MEMBER_NOTICE -> new MemberNotice(readString(in), readString(in), in.readInt(), in.readLong(),
                        in.readLong(), readList(in), readString(in));
                default -> throw new IllegalArgumentException("unknown chatroom notice kind " + kind);
            };
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("truncated or malformed chatroom notice", e);
        }
    }

    private static Platform platform(int code) {
        for (Platform platform : Platform.values()) {
            if (platform.code() == code) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown platform code " + code);
    }

    /** A string of any length, or null: its UTF-8 length (-1 for null), then its bytes. */
    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > in.available()) {
            throw new IOException("a list of " + size + " in a notice of " + in.available() + " more bytes");
        }
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return List.copyOf(values);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
