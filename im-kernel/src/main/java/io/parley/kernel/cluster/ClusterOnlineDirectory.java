package io.parley.kernel.cluster;

import io.parley.api.model.Message;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.kernel.session.WireMessages;
import io.parley.kernel.session.SessionRegistry;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.EventBody;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The plugins' {@link OnlineDirectory} when several nodes serve the app: each call acts on this node's devices at
 * once and sends the same work to the other nodes that hold the users, which encode it once for their own
 * devices. {@link #isOnline} asks the shared directory (it may block on it); {@link #devices} and the counts that
 * fan-outs return cover this node only, since other nodes answer asynchronously. The fan-outs to chosen session
 * ids act on this node only: session ids belong to the node that holds the connection.
 */
public final class ClusterOnlineDirectory implements OnlineDirectory {
    private final SessionRegistry local;
    private final ClusterRouter router;

    public ClusterOnlineDirectory(SessionRegistry local, ClusterRouter router) {
        this.local = local;
        this.router = router;
    }

    @Override
    public boolean isOnline(String userId) {
        return router.isOnlineAnywhere(userId);
    }

    @Override
    public java.util.Set<String> onlineAmong(Collection<String> userIds) {
        return router.onlineAnywhere(userIds);
    }

    /** This node's users, as {@link #devices} answers for this node's devices. */
    @Override
    public List<String> onlineUserIds() {
        return local.onlineUserIds();
    }

    @Override
    public List<OnlineDevice> devices(String userId) {
        return local.devices(userId);
    }

    @Override
    public int sendEvent(String userId, String name, Map<String, Object> body) {
        int here = local.sendEvent(userId, name, body);
        router.fanOutElsewhere(List.of(userId), Frame.of(Command.EVENT, 0, new EventBody(name, body)), false);
        return here;
    }

    @Override
    public FanOutResult sendEvent(Collection<String> userIds, String name, Map<String, Object> body,
            boolean droppable) {
        Frame frame = Frame.of(Command.EVENT, 0, new EventBody(name, body));
        FanOutResult here = local.fanOut(userIds, frame, droppable);
        router.fanOutElsewhere(userIds, frame, droppable);
        return here;
    }

    @Override
    public int disconnect(String userId, int code, String reason) {
        int here = local.disconnectHere(userId, code, reason);
        router.kickElsewhere(userId, code, reason);
        return here;
    }

    @Override
    public FanOutResult deliver(Collection<String> userIds, Message message, boolean droppable) {
        Frame frame = Frame.of(Command.DELIVER, 0, new DeliverBody(WireMessages.shared(message)));
        FanOutResult here = local.fanOut(userIds, frame, droppable);
        router.fanOutElsewhere(userIds, frame, droppable);
        return here;
    }

    @Override
    public FanOutResult deliver(Collection<String> userIds, Message message, boolean droppable,
            Predicate<String> sessions) {
        return local.deliver(userIds, message, droppable, sessions);
    }

    @Override
    public FanOutResult sendEvent(Collection<String> userIds, String name, Map<String, Object> body,
            boolean droppable, Predicate<String> sessions) {
        return local.sendEvent(userIds, name, body, droppable, sessions);
    }
}
