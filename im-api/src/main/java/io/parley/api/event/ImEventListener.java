package io.parley.api.event;

/**
 * Observes what happened. Called asynchronously on a kernel listener thread, never on the send path, one
 * event at a time per listener and in the order the events happened. It may block briefly; a slow
 * listener delays only its own later events. What it throws is logged and counted, never propagated.
 */
public interface ImEventListener {

    String name();

    void onEvent(ImEvent event);

    /**
     * Whether this listener wants {@code event}. Called on the thread that publishes it (often the send path), for
     * every event: answer from the event alone, at once, without blocking or side effects. The default takes
     * every event; a listener that handles a few kinds answers false for the rest, so that they cost it no
     * queueing and no wake-up.
     */
    default boolean accepts(ImEvent event) {
        return true;
    }
}
