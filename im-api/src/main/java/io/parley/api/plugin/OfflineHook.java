package io.parley.api.plugin;

import io.parley.api.model.Message;
import java.util.List;

/**
 * Told which recipients of a delivered message had no device online (on any node of the cluster): those a push
 * notification may reach. The kernel calls each plugin's hooks ({@link PluginInstance#offlineHooks()}) once per
 * delivered message that has such recipients, in commit order, on the delivery path (the storage committer's
 * completion), before the {@link io.parley.api.event.MessageDelivered} event is published. A hook must not block:
 * hand storage reads to an executor of your own (bounded; count what it drops). What it throws is logged and
 * ignored.
 */
@FunctionalInterface
public interface OfflineHook {

    /**
     * @param message the message as committed (no {@link MessageView} applied)
     * @param offlineUsers its recipients with no device online, never empty; the sender may be among them
     */
    void offline(Message message, List<String> offlineUsers);
}
