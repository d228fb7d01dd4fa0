package io.parley.client;

/**
 * Receives messages.
 *
 * <p>Every stored message of this user's inbox ({@link ReceivedMessage#inboxSeq()} &gt; 0) reaches the
 * listeners exactly once per client instance, in inbox-seq order, whether it came pushed or pulled by sync,
 * including the user's own messages sent from this or another device. Status messages (inbox seq 0, e.g.
 * typing) are passed on as they arrive and are never replayed. Plugins' notices ({@link ReceivedMessage#notice()})
 * are not messages: they go to the {@link NoticeListener}s instead, in the same order.
 *
 * <p>Called on the client's callback thread (see {@link ImClient}), in order, one call at a time, never on a
 * Netty event loop. The inbox cursor is saved to the {@link CursorStore} and acknowledged to the server only
 * after the listeners have returned, so a message whose listener was running when the process died is
 * delivered again on the next start. A listener that throws is logged; the message counts as processed.
 */
@FunctionalInterface
public interface MessageListener {
    void onMessage(ReceivedMessage message);
}
