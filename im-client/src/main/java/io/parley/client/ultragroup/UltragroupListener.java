package io.parley.client.ultragroup;

import io.parley.client.ReceivedMessage;

/**
 * What an {@link UltragroupClient} tells the app. Every method has an empty default, so an app overrides what it
 * needs. Called on the client's callback thread (see {@code ImClient}), in order; a listener must not block on
 * a future of the same client.
 */
public interface UltragroupListener {

    /** A message of the channel this device subscribed to, itself (edit notes go to {@link #onModified}). */
    default void onMessage(ReceivedMessage message) {
    }

    /** A light notice of a message in a channel this device has not subscribed to. */
    default void onNotice(UltragroupNotice notice) {
    }

    /** This user's read position in a channel moved, on this or another of its devices. */
    default void onRead(String targetId, long readSeq) {
    }

    /** A message of the subscribed channel was edited. */
    default void onModified(UltragroupModification modification) {
    }
}
