package io.parley.kernel.transport;

import io.parley.kernel.dispatch.WorkerPool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Makes each client connection's {@link ConnectionHandler}, for every transport (TCP, and WebSocket after its upgrade):
 * what opening a session needs, what its frames are served by, and the worker pool both run their blocking work on.
 */
@Singleton
public record ConnectionHandlers(TransportContext transport, SessionOpening opening, SessionRequests requests,
        WorkerPool workers) {
    @Inject
    public ConnectionHandlers {
    }

    /** A new connection's protocol state machine. */
    public ConnectionHandler newHandler() {
        return new ConnectionHandler(transport, opening, requests, workers);
    }
}
