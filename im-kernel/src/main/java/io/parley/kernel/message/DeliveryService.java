package io.parley.kernel.message;

import io.parley.api.event.MessageDelivered;
import io.parley.api.model.Message;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.push.OfflinePushRequester;
import io.parley.kernel.session.Session;
import io.parley.kernel.session.SessionRegistry;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.DeliverBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a committed message to the online devices of its recipients. Delivery is a hint: a device that
 * misses it finds the message by SYNC. Non-blocking; called from the storage committer's completion, in
 * commit order, so each device receives one user's inbox in order.
 */
public final class DeliveryService {
    private final SessionRegistry sessions;
    private final EventBus events;
    private final OfflinePushRequester pushes;

    public DeliveryService(SessionRegistry sessions, EventBus events, OfflinePushRequester pushes) {
        this.sessions = sessions;
        this.events = events;
        this.pushes = pushes;
    }

    /**
     * @param recipients the users to reach
     * @param inboxSeqs each recipient's inbox seq; absent (0) for a status message
     */
    public void deliver(Message message, List<String> recipients, Map<String, Long> inboxSeqs) {
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        for (String userId : recipients) {
            List<Session> devices = sessions.sessions(userId);
            if (devices.isEmpty()) {
                offline.add(userId);
                continue;
            }
            online.add(userId);
            Frame frame = Frame.of(Command.DELIVER, 0,
                    new DeliverBody(WireMessages.forUser(message, userId, inboxSeqs.getOrDefault(userId, 0L))));
            for (Session device : devices) {
                device.send(frame);
            }
        }
        pushes.offline(message, offline);
        if (events.hasListeners()) {
            events.publish(new MessageDelivered(message.messageUid(), online, offline, System.currentTimeMillis()));
        }
    }
}
