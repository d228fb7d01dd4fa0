package io.parley.kernel.message;

import io.parley.api.model.Message;
import java.util.List;

/**
 * What delivery asks of push notifications: the recipients of a message that had no online device. Implemented by
 * {@link OfflineHooks} (the plugins' {@link io.parley.api.plugin.OfflineHook}s); declared here so that delivery
 * depends on no push code. Must not block.
 */
public interface OfflinePushes {
    /** Requests pushes for {@code offlineUsers}, the recipients of {@code message} with no online device. */
    void offline(Message message, List<String> offlineUsers);
}
