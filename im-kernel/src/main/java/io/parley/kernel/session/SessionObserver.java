package io.parley.kernel.session;

/**
 * Told of every device session this node registers and removes, inside {@link SessionRegistry}'s update: so it must
 * be cheap and never block (an in-memory count). Called on the thread that registers or removes the session (an
 * event loop or a worker).
 */
public interface SessionObserver {
    /** Observes nothing. */
    SessionObserver NONE = new SessionObserver() {
        @Override
        public void opened(String userId) {
        }

        @Override
        public void closed(String userId) {
        }
    };

    /** A session of {@code userId} was registered. */
    void opened(String userId);

    /** A session of {@code userId} was removed or displaced by another. */
    void closed(String userId);
}
