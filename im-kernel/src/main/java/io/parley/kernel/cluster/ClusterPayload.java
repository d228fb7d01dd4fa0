package io.parley.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.api.model.Platform;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one node asks another to do for its local devices, and its bytes on the {@code ClusterBus}. Frames travel
 * in the client protocol's own binary encoding, so the receiving node writes exactly what the sender would have.
 * Immutable.
 */
sealed interface ClusterPayload {
    int VERSION = 1;
    int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /** Each user gets a frame of its own (a DELIVER carrying the user's inbox seq). */
    record DeliverEach(List<String> userIds, List<Frame> frames) implements ClusterPayload {
    }

    /** One frame for every device of every listed user, encoded once per wire format on the receiving node. */
    record FanOut(List<String> userIds, Frame frame, boolean droppable) implements ClusterPayload {
    }

    /** Disconnects every device of a user with KICKED. */
    record Kick(String userId, int code, String reason) implements ClusterPayload {
    }

    /** Kicks the devices of a user whose token was issued before {@code beforeMillis}. */
    record ExpireTokens(String userId, long beforeMillis) implements ClusterPayload {
    }

    /**
     * A device of a user connected to the sending node: the receiving node kicks the devices it displaces under the
     * multi-device policy ({@code SessionRegistry#displaceHere}).
     */
    record Displace(String userId, String deviceId, Platform platform, long connectedAtMillis)
            implements ClusterPayload {
    }

    /** A plugin's payload on its {@code ClusterTopic}, from node {@code origin} to every node. */
    record Topic(String origin, String topic, byte[] body) implements ClusterPayload {
    }

    static byte[] encode(ClusterPayload payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (payload instanceof DeliverEach each) {
                out.writeByte(1);
                out.writeInt(each.userIds().size());
                for (int i = 0; i < each.userIds().size(); i++) {
                    out.writeUTF(each.userIds().get(i));
                    writeFrame(out, each.frames().get(i));
                }
            } else if (payload instanceof FanOut fanOut) {
                out.writeByte(2);
                out.writeBoolean(fanOut.droppable());
                writeFrame(out, fanOut.frame());
                out.writeInt(fanOut.userIds().size());
                for (String userId : fanOut.userIds()) {
                    out.writeUTF(userId);
                }
            } else if (payload instanceof Kick kick) {
                out.writeByte(3);
                out.writeUTF(kick.userId());
                out.writeInt(kick.code());
                out.writeUTF(kick.reason());
            } else if (payload instanceof ExpireTokens expire) {
                out.writeByte(4);
                out.writeUTF(expire.userId());
                out.writeLong(expire.beforeMillis());
            } else if (payload instanceof Topic topic) {
                out.writeByte(5);
                out.writeUTF(topic.origin());
                out.writeUTF(topic.topic());
                out.writeInt(topic.body().length);
                out.write(topic.body());
            } else if (payload instanceof Displace displace) {
                out.writeByte(6);
                out.writeUTF(displace.userId());
                out.writeUTF(displace.deviceId());
                out.writeUTF(displace.platform().name());
                out.writeLong(displace.connectedAtMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a payload of this version */
    static ClusterPayload decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("cluster payload version " + version + ", this node reads "
                        + VERSION + ": run one Parley version across the cluster");
            }
            int kind = in.readUnsignedByte();
            return switch (kind) {
                case 1 -> {
                    int count = in.readInt();
                    List<String> users = new ArrayList<>(count);
                    List<Frame> frames = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        users.add(in.readUTF());
                        frames.add(readFrame(in));
                    }
                    yield new DeliverEach(users, frames);
                }
                case 2 -> {
                    boolean droppable = in.readBoolean();
                    Frame frame = readFrame(in);
                    int count = in.readInt();
                    List<String> users = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        users.add(in.readUTF());
                    }
                    yield new FanOut(users, frame, droppable);
                }
                case 3 -> new Kick(in.readUTF(), in.readInt(), in.readUTF());
                case 4 -> new ExpireTokens(in.readUTF(), in.readLong());
                case 5 -> {
                    String origin = in.readUTF();
                    String topic = in.readUTF();
                    byte[] body = new byte[in.readInt()];
                    in.readFully(body);
                    yield new Topic(origin, topic, body);
                }
                case 6 -> new Displace(in.readUTF(), in.readUTF(), Platform.valueOf(in.readUTF()), in.readLong());
                default -> throw new IllegalArgumentException("unknown cluster payload kind " + kind);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated cluster payload", e);
        }
    }

    private static void writeFrame(DataOutputStream out, Frame frame) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, buf);
            out.writeInt(buf.readableBytes());
            buf.readBytes(out, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    private static Frame readFrame(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return FrameCodec.decodeWhole(Unpooled.wrappedBuffer(frame), MAX_FRAME_BYTES);
    }
}
