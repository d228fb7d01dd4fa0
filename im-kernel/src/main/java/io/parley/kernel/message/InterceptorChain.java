package io.parley.kernel.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.AsyncMessageInterceptor;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.dispatch.StripeWork;
import io.parley.kernel.metrics.Meters;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the interceptors in order and acts on each {@link Decision}: a Replace passes the changed message on, a Reject
 * stops the walk. Called on the conversation's stripe, and never holds it: an interceptor that never blocks
 * ({@link MessageInterceptor#mayBlock()} false) is called right here; an {@link AsyncMessageInterceptor} is asked here
 * and answers later; one that may block is called on this chain's threads ({@code interceptors.blocking-threads}).
 * For those two the walk {@linkplain StripeWork waits}: the conversation's later messages wait behind it, the stripe
 * goes on with other conversations, and the walk resumes on the stripe with the answer. A throw (other than an
 * {@code ImException}, a deliberate refusal), a failed answer or an overrun of the interceptor's timeout counts as pass
 * or reject by its {@link MessageInterceptor#failOpen()}.
 */
@Singleton
public final class InterceptorChain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InterceptorChain.class);

    /** What comes of a walk: the message to commit (possibly replaced), or a refusal. Called on the stripe. */
    public interface Outcome {
        /** Every interceptor let the message pass; returns what the commit still waits for, as a {@link StripeWork}. */
        CompletionStage<StripeWork> accepted(OutgoingMessage message);

        /** An interceptor refused the message (an {@code ImException} with its code). */
        void refused(ImException refusal);
    }

    private final List<MessageInterceptor> interceptors;
    private final ExecutorService blockingThreads;
    private final Counter failures;

    /**
     * The server's chain: the plugins' interceptors (the built-in ones among them), sorted by
     * {@code interceptors.order}, then {@code order()}, then name.
     */
    @Inject
    public InterceptorChain(PluginContributions contributions, InterceptorOrder order, KernelConfig config,
            MeterRegistry registry) {
        this(contributions.interceptors(), order.names(), config.interceptorBlockingThreads(), registry);
    }

    /** {@code blockingThreads}: how many blocking interceptors' calls run at once; the others wait their turn. */
    public InterceptorChain(List<MessageInterceptor> interceptors, List<String> configuredOrder, int blockingThreads,
            MeterRegistry registry) {
        List<MessageInterceptor> sorted = new ArrayList<>(interceptors);
        sorted.sort(Comparator.<MessageInterceptor>comparingInt(interceptor -> {
            int index = configuredOrder.indexOf(interceptor.name());
            return index < 0 ? Integer.MAX_VALUE : index;
        }).thenComparingInt(MessageInterceptor::order).thenComparing(MessageInterceptor::name));
        this.interceptors = List.copyOf(sorted);
        this.blockingThreads = interceptors.stream().noneMatch(InterceptorChain::blocks) ? null
                : new ThreadPoolExecutor(blockingThreads, blockingThreads, 0, TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(), task -> {
                            Thread thread = new Thread(task, "parley-interceptor");
                            thread.setDaemon(true);
                            return thread;
                        });
        this.failures = Meters.counter(registry, "im.interceptor.failures",
                "Exceptions thrown by message interceptors (the message was refused)");
    }

    public List<String> names() {
        return interceptors.stream().map(MessageInterceptor::name).toList();
    }

    /**
     * Walks the chain for {@code message}, telling {@code outcome} what comes of it. Returns null when the walk (and
     * what {@link Outcome#accepted} started) is finished; otherwise a stage completing with the walk's next step, to run
     * on the conversation's stripe.
     */
    public CompletionStage<StripeWork> walk(OutgoingMessage message, Outcome outcome) {
        return walkFrom(0, message, outcome);
    }

    private CompletionStage<StripeWork> walkFrom(int first, OutgoingMessage message, Outcome outcome) {
        OutgoingMessage current = message;
        try {
            for (int i = first; i < interceptors.size(); i++) {
                MessageInterceptor interceptor = interceptors.get(i);
                if (interceptor instanceof AsyncMessageInterceptor || blocks(interceptor)) {
                    int next = i + 1;
                    OutgoingMessage input = current;
                    return answerOf(interceptor, input).thenApply(decision -> () -> {
                        try {
                            return walkFrom(next, passed(decision, input), outcome);
                        } catch (ImException refusal) {
                            outcome.refused(refusal);
                            return null;
                        }
                    });
                }
                current = passed(decideHere(interceptor, current), current);
            }
        } catch (ImException refusal) {
            outcome.refused(refusal);
            return null;
        }
        return outcome.accepted(current);
    }

    /** The message after {@code decision}: the same, or its replacement; a Reject throws its refusal. */
    private static OutgoingMessage passed(Decision decision, OutgoingMessage message) {
        if (decision instanceof Decision.Replace replace) {
            return replace.message();
        }
        if (decision instanceof Decision.Reject reject) {
            throw new ImException(reject.code(), reject.reason());
        }
        return message;
    }

    private static boolean blocks(MessageInterceptor interceptor) {
        return interceptor.mayBlock() && !(interceptor instanceof AsyncMessageInterceptor);
    }

    /** Calls a non-blocking interceptor on this thread. */
    private Decision decideHere(MessageInterceptor interceptor, OutgoingMessage message) {
        try {
            return nonNull(interceptor.decide(message));
        } catch (ImException refused) {
            throw refused;
        } catch (RuntimeException e) {
            return failed(interceptor, e);
        }
    }

    /**
     * The decision of an interceptor that answers later, bounded by its timeout; never fails: a deliberate refusal
     * becomes a Reject, a failure or overrun what {@link #failed} says.
     */
    private CompletableFuture<Decision> answerOf(MessageInterceptor interceptor, OutgoingMessage message) {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        Future<?> call = null;
        if (interceptor instanceof AsyncMessageInterceptor async) {
            try {
                async.decideAsync(message).whenComplete((decision, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(decision);
                    }
                });
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        } else {
            try {
                call = blockingThreads.submit(() -> {
                    try {
                        answer.complete(interceptor.decide(message));
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                answer.completeExceptionally(stopping);
            }
        }
        Future<?> blockingCall = call;
        return answer.orTimeout(interceptor.timeout().toMillis(), TimeUnit.MILLISECONDS).handle((decision, failure) -> {
            if (failure == null) {
                try {
                    return nonNull(decision);
                } catch (RuntimeException e) {
                    return failed(interceptor, e);
                }
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ImException refusal) {
                return Decision.reject(refusal.errorCode(), refusal.getMessage());
            }
            if (cause instanceof TimeoutException && blockingCall != null) {
                blockingCall.cancel(true);
            }
            return failed(interceptor, cause);
        });
    }

    private static Decision nonNull(Decision decision) {
        if (decision == null) {
            throw new IllegalStateException("returned null");
        }
        return decision;
    }

    private Decision failed(MessageInterceptor interceptor, Throwable cause) {
        failures.increment();
        log.warn("interceptor {} failed ({}); failing {}", interceptor.name(), cause.toString(),
                interceptor.failOpen() ? "open" : "closed");
        return interceptor.failOpen()
                ? Decision.proceed()
                : Decision.reject(StandardErrorCode.INTERCEPTOR_FAILED, "interceptor " + interceptor.name() + " failed");
    }

    @Override
    public void close() {
        if (blockingThreads != null) {
            blockingThreads.shutdownNow();
        }
    }
}
