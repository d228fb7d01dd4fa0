package io.parley.api.plugin;

import io.parley.api.model.OutgoingMessage;
import java.time.Duration;

/**
 * A step that may change the outcome of a send before commit: moderation, rate limits, callbacks.
 *
 * <p>Called for the conversation's stripe, after the business type has accepted the message, in chain
 * order: the order given by config {@code interceptors.order}, then by {@link #order()}. An interceptor that
 * {@link #mayBlock() may block} runs on a kernel thread of its own, bounded by {@link #timeout()}; one that never
 * blocks runs on the stripe itself, with no thread hand-off. Throwing an {@code ImException} is a deliberate
 * refusal, the same as {@link Decision#reject}; any other exception, or an overrun of the timeout, is a failure,
 * and {@link #failOpen()} decides whether the message passes.
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

    /**
     * Whether {@link #decide} may block: wait on the network or the disk, or on a lock held for long. True (the
     * default, the safe answer for an interceptor that does not say) makes the kernel call it on a thread of its
     * own, bounded by {@link #timeout()}, at the cost of a thread hand-off for every message. An interceptor that
     * decides in memory, in microseconds, answers false: the kernel then calls it on the conversation's stripe,
     * directly; its timeout is not enforced, and it must never block.
     */
    default boolean mayBlock() {
        return true;
    }

    /** True: a failed or late decision lets the message pass. False: the message is rejected. */
    default boolean failOpen() {
        return true;
    }

    Decision decide(OutgoingMessage message);
}
