package io.parley.api.plugin;

import io.parley.api.model.OutgoingMessage;
import java.time.Duration;

/**
 * A step that may change the outcome of a send before commit: moderation, rate limits, callbacks.
 *
 * <p>Called on the conversation's stripe, after the business type has accepted the message, in chain
 * order: the order given by config {@code interceptors.order}, then by {@link #order()}. It may block up to
 * {@link #timeout()}. Throwing an {@code ImException} is a deliberate refusal, the same as
 * {@link Decision#reject}; any other exception, or an overrun of the timeout, is a failure, and
 * {@link #failOpen()} decides whether the message passes.
 */
public interface MessageInterceptor {

    String name();

    /** Lower runs first, among interceptors the config does not order. */
    default int order() {
        return 0;
    }

    default Duration timeout() {
        return Duration.ofSeconds(3);
    }

    /** True: a failed or late decision lets the message pass. False: the message is rejected. */
    default boolean failOpen() {
        return true;
    }

    Decision decide(OutgoingMessage message);
}
