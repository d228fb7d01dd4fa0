package io.parley.kernel.message;

import io.parley.api.model.Message;
import io.parley.api.plugin.OfflineHook;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What delivery asks of push notifications, answered by the plugins' {@link OfflineHook}s (the conversation plugin's
 * push requester among them), in plugin order, on the delivery path. Each is told only of messages with offline
 * recipients. What a hook throws is logged (once per hook per minute at most); the others still run.
 */
@Singleton
public final class OfflineHooks {
    private static final Logger log = LoggerFactory.getLogger(OfflineHooks.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final OfflineHook[] hooks;
    private final long[] lastLogged;

    /** The hooks the plugins contribute. */
    @Inject
    public OfflineHooks(PluginContributions contributions) {
        this(contributions.offlineHooks());
    }

    public OfflineHooks(List<OfflineHook> hooks) {
        this.hooks = hooks.toArray(OfflineHook[]::new);
        this.lastLogged = new long[this.hooks.length];
    }

    /** Tells every hook of the recipients of {@code message} with no online device; nothing when there are none. */
    public void offline(Message message, List<String> offlineUsers) {
        if (offlineUsers.isEmpty()) {
            return;
        }
        List<String> users = List.copyOf(offlineUsers);
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].offline(message, users);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                synchronized (lastLogged) {
                    if (lastLogged[i] == 0 || now - lastLogged[i] > LOG_INTERVAL_NANOS) {
                        lastLogged[i] = now;
                        log.warn("offline hook {} failed on {} (logged once a minute at most)",
                                hooks[i].getClass().getName(), message.messageUid(), e);
                    }
                }
            }
        }
    }
}
