package io.parley.plugin.ultragroup;

import io.parley.api.cluster.ClusterTopic;
import io.parley.api.model.Message;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ultragroup plugin on the other nodes of a cluster, through the plugin's {@link ClusterTopic}: this node
 * tells them of each stored channel message it commits (by channel and seq: they read it from the shared
 * storage) and of membership changes and dismissals, and applies what they tell it: each node tells the members
 * connected to it ({@link LocalDelivery}) and keeps its own {@link OnlineMembers}. Best effort: a member that
 * misses a notice finds the message when it syncs the channel. A status message (typing) is not relayed: it
 * reaches the devices on the sender's node only. On a single node there is no topic and nothing here runs.
 * What arrives is applied on one thread of its own, in arrival order, behind a bounded queue (a full queue drops
 * the notice, counted in {@code im.ultragroup.cluster.dropped}). Thread-safe.
 */
final class Peers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Peers.class);
    private static final int QUEUE_SIZE = 10_000;
    private static final byte MESSAGE = 1;
    private static final byte JOINED = 2;
    private static final byte LEFT = 3;
    private static final byte DISMISSED = 4;

    private final PluginContext context;
    private final OnlineMembers members;
    private final LocalDelivery delivery;
    private final PluginMetrics.Counter dropped;
    /** No thread until something arrives: a single node never starts one. */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_SIZE), task -> {
                Thread thread = new Thread(task, "parley-ultragroup-peers");
                thread.setDaemon(true);
                return thread;
            });
    /** Empty on a single node. */
    private final Optional<ClusterTopic> topic;

    Peers(PluginContext context, OnlineMembers members, LocalDelivery delivery) {
        this.context = context;
        this.members = members;
        this.delivery = delivery;
        this.dropped = context.metrics().describe("im.ultragroup.cluster.dropped", "Ultragroup deliveries from other nodes"
                + " dropped because this node's worker was full").counter("im.ultragroup.cluster.dropped");
        this.topic = context.clusterTopic("ultragroup", this::received);
    }

    /** A stored message of a channel was committed on this node. */
    void committed(Message message) {
        if (message.seq() > 0) {
            publish(encode(MESSAGE, message.conversation().id(), Long.toString(message.seq())));
        }
    }

    void joined(String groupId, String userId) {
        publish(encode(JOINED, groupId, userId));
    }

    void left(String groupId, String userId) {
        publish(encode(LEFT, groupId, userId));
    }

    void dismissed(String groupId) {
        publish(encode(DISMISSED, groupId, ""));
    }

    private void publish(byte[] payload) {
        topic.ifPresent(open -> open.publish(payload));
    }

    private void received(byte[] payload) {
        try {
            worker.execute(() -> apply(payload));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void apply(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte kind = in.readByte();
            String first = in.readUTF();
            String second = in.readUTF();
            switch (kind) {
                case MESSAGE -> deliverHere(Target.parse(first), Long.parseLong(second));
                case JOINED -> members.joined(first, second);
                case LEFT -> members.left(first, second);
                case DISMISSED -> members.dismissed(first);
                default -> log.warn("ignored an ultragroup notice of unknown kind {} from another node", kind);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("an ultragroup notice from another node could not be applied; members will find it by sync", e);
        }
    }

    private void deliverHere(Target target, long seq) {
        for (Message message : context.storage().messages().readConversation(Ultragroups.keyOf(target), seq - 1, 1)) {
            if (message.seq() == seq) {
                delivery.deliver(message, target, Mentions.of(message));
            }
        }
    }

    private static byte[] encode(byte kind, String first, String second) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeUTF(first);
            out.writeUTF(second);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
