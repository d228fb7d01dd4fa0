package io.parley.kernel.dispatch;

import java.util.concurrent.CompletionStage;

/**
 * Work for one key (a conversation) on its stripe that may finish later without holding the stripe's thread: it
 * runs, and either is done or hands back a stage that completes, once what it waits for has answered, with its next
 * step. Until then the key's later work waits behind it, in order, while the stripe runs other keys' work.
 */
@FunctionalInterface
public interface StripeWork {

    /**
     * Does the work, on the key's stripe; must not block. Null when it is finished; otherwise a stage that completes
     * with the next step, which then runs on the same stripe before any later work of the key. The stage must not
     * fail: the work answers its own failures (a failed stage is logged and ends the work).
     */
    CompletionStage<StripeWork> run();
}
