package io.parley.api.plugin;

import io.parley.api.model.OutgoingMessage;
import java.util.concurrent.CompletionStage;

/**
 * An interceptor that answers later, without holding a thread while it waits: one that asks a network service (an
 * HTTP callback with an asynchronous client, Redis, a database with an asynchronous driver).
 *
 * <p>The kernel calls {@link #decideAsync} on the conversation's stripe, where it must return at once (start the
 * request, return its stage; never block). Until the stage completes, the conversation's later messages wait behind
 * this one, in order, while every other conversation, on the same stripe or not, goes on; no kernel thread waits. When
 * the answer comes, the walk goes on with the next interceptor, on the conversation's stripe again. The stage is
 * bounded by {@link #timeout()}; a stage that fails (other than with an {@code ImException}, a deliberate refusal) or
 * overruns counts as a failure, and {@link #failOpen()} decides whether the message passes, as for any interceptor.
 *
 * <p>{@link #decide} is not called for such an interceptor.
 */
public interface AsyncMessageInterceptor extends MessageInterceptor {

    /** Starts deciding; the stage completes with the decision. Called on the conversation's stripe: never block. */
    CompletionStage<Decision> decideAsync(OutgoingMessage message);

    /** It does not block: it answers later. */
    @Override
    default boolean mayBlock() {
        return false;
    }

    /** Not called: the kernel calls {@link #decideAsync}. */
    @Override
    default Decision decide(OutgoingMessage message) {
        throw new UnsupportedOperationException(name() + " answers through decideAsync");
    }
}
