package io.parley.api.plugin;

import io.parley.api.model.OutgoingMessage;
import java.time.Duration;

/**
 * A step that may change the outcome of a send before commit: moderation, rate limits, callbacks.
 *
 * <p>Called for the conversation's stripe, after the business type has accepted the message, in chain
 * order: the order given by config {@code interceptors.order}, then by {@link #order()}. One that never blocks
 * ({@link #mayBlock()} false) runs on the stripe itself, with no thread hand-off. One that {@link #mayBlock() may
 * block} runs on the kernel's interceptor threads, bounded by {@link #timeout()}: meanwhile the conversation's later
 * messages wait behind it, in order, and the stripe goes on with other conversations. One that talks to a network
 * is better written as an {@link AsyncMessageInterceptor}, which holds no thread while it waits. Throwing an
 * {@code ImException} is a deliberate refusal, the same as {@link Decision#reject}; any other exception, or an
 * overrun of the timeout, is a failure, and {@link #failOpen()} decides whether the message passes.
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
     * default, the safe answer for an interceptor that does not say) makes the kernel call it on one of its
     * interceptor threads ({@code interceptors.blocking-threads}), bounded by {@link #timeout()}, at the cost of two
     * thread hand-offs for every message. An interceptor that
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
