package io.parley.api.event;

/** Something that happened, told to {@link ImEventListener}s after the fact. Every event is a record named in the past tense. */
public sealed interface ImEvent permits MessageCommitted, MessageDelivered, PresenceChanged, PushRequested {

    /** Epoch milliseconds at which it happened. */
    long timestamp();
}
