package io.parley.kernel.transport;

import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.session.SessionRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * What a connection needs to open its session (CONNECT): the token check, the connection guards in the order they are
 * asked, the session registry, the inbox head a CONNACK tells, and the presence events.
 */
@Singleton
public record SessionOpening(TokenService tokens, List<ConnectionGuard> connectionGuards, SessionRegistry sessions,
        MessageStore messages, EventBus events, Clock clock) {
    public SessionOpening {
        connectionGuards = List.copyOf(connectionGuards);
    }

    @Inject
    public SessionOpening(TokenService tokens, ConnectionGuards guards, SessionRegistry sessions,
            MessageStore messages, EventBus events, Clock clock) {
        this(tokens, guards.all(), sessions, messages, events, clock);
    }
}
