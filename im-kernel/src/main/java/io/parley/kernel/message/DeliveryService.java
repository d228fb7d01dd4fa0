package io.parley.kernel.message;

import io.parley.api.event.MessageDelivered;
import io.parley.api.model.Message;
import io.parley.api.plugin.Recipients;
import io.parley.kernel.cluster.ClusterRouter;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.session.Session;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.session.WireMessages;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.DeliverBody;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a committed message to the online devices of its recipients. Delivery is a hint: a device that misses it
 * finds the message by SYNC. An inbox owner's devices get a frame of their own (with the user's inbox seq); the
 * readers of a conversation kept by read diffusion (a group's members) all get one shared frame, encoded once and
 * written by one task per event loop. Non-blocking; called from the storage committer's completion, in commit
 * order, so each device receives each stream in order. With several nodes, the recipients' devices on other nodes
 * get the same frames through the {@link ClusterRouter} (in commit order too), and only a recipient online on no
 * node is offered a push.
 */
@Singleton
public final class DeliveryService {
    private final SessionRegistry sessions;
    private final EventBus events;
    private final OfflineHooks pushes;
    private final ClusterRouter cluster;

    @Inject
    public DeliveryService(SessionRegistry sessions, EventBus events, OfflineHooks pushes,
            ClusterRouter cluster) {
        this.sessions = sessions;
        this.events = events;
        this.pushes = pushes;
        this.cluster = cluster;
    }

    /**
     * @param recipients who gets it: inbox owners (each with their inbox seq) and readers (the shared frame)
     * @param inboxSeqs each inbox owner's inbox seq; empty for a status message
     */
    public void deliver(Message message, Recipients recipients, Map<String, Long> inboxSeqs) {
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        for (String userId : recipients.inboxOwners()) {
            List<Session> devices = sessions.sessions(userId);
            if (devices.isEmpty()) {
                offline.add(userId);
                continue;
            }
            online.add(userId);
            Frame frame = frameFor(message, userId, inboxSeqs);
            for (Session device : devices) {
                device.send(frame);
            }
        }
        Frame shared = recipients.readers().isEmpty() ? null : sharedFrame(message);
        if (shared != null) {
            List<String> readersOnline = new ArrayList<>(recipients.readers().size());
            for (String userId : recipients.readers()) {
                (sessions.sessions(userId).isEmpty() ? offline : readersOnline).add(userId);
            }
            sessions.fanOut(readersOnline, shared, false);
            online.addAll(readersOnline);
        }
        if (!cluster.distributed()) {
            finish(message, online, offline);
            return;
        }
        cluster.deliverElsewhere(recipients.all(),
                userId -> inboxSeqs.containsKey(userId) || shared == null ? frameFor(message, userId, inboxSeqs) : shared,
                elsewhere -> finish(message, onlineAnywhere(online, offline, elsewhere),
                        offline.stream().filter(userId -> !elsewhere.contains(userId)).toList()));
    }

    private static Frame frameFor(Message message, String userId, Map<String, Long> inboxSeqs) {
        return Frame.of(Command.DELIVER, 0,
                new DeliverBody(WireMessages.forUser(message, userId, inboxSeqs.getOrDefault(userId, 0L))));
    }

    /** The frame every reader gets: no inbox seq, the conversation's seq, the same target for everyone. */
    private static Frame sharedFrame(Message message) {
        return Frame.of(Command.DELIVER, 0, new DeliverBody(WireMessages.shared(message)));
    }

    private static List<String> onlineAnywhere(List<String> here, List<String> offlineHere, Set<String> elsewhere) {
        List<String> online = new ArrayList<>(here);
        offlineHere.stream().filter(elsewhere::contains).forEach(online::add);
        return online;
    }

    /** Offers pushes to the recipients online nowhere and tells listeners who was reached. */
    private void finish(Message message, List<String> online, List<String> offline) {
        pushes.offline(message, offline);
        if (events.hasListeners()) {
            events.publish(new MessageDelivered(message.messageUid(), online, offline, System.currentTimeMillis()));
        }
    }
}
