package io.parley.api.event;

/**
 * Observes what happened. Called asynchronously on a kernel listener thread, never on the send path, one
 * event at a time per listener and in the order the events happened. It may block briefly; a slow
 * listener delays only its own later events. What it throws is logged and counted, never propagated.
 */
public interface ImEventListener {

    String name();

    void onEvent(ImEvent event);
}
