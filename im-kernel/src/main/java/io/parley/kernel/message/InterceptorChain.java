package io.parley.kernel.message;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the interceptors in order and acts on each {@link Decision}: a Replace passes the changed message on,
 * a Reject stops the walk. An interceptor that never blocks ({@link MessageInterceptor#mayBlock()} false) is called
 * right here, on the stripe; one that may block is called on this chain's own threads, bounded by its timeout. A
 * throw or an overrun counts as pass or reject by its {@link MessageInterceptor#failOpen()}. Called on a stripe;
 * blocks it for at most the sum of the blocking interceptors' timeouts.
 */
public final class InterceptorChain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InterceptorChain.class);

    private final List<MessageInterceptor> interceptors;
    private final ExecutorService executor;
    private final Counter failures;

    public InterceptorChain(List<MessageInterceptor> interceptors, List<String> configuredOrder, MeterRegistry registry) {
        List<MessageInterceptor> sorted = new ArrayList<>(interceptors);
        sorted.sort(Comparator.<MessageInterceptor>comparingInt(interceptor -> {
            int index = configuredOrder.indexOf(interceptor.name());
            return index < 0 ? Integer.MAX_VALUE : index;
        }).thenComparingInt(MessageInterceptor::order).thenComparing(MessageInterceptor::name));
        this.interceptors = List.copyOf(sorted);
        this.executor = interceptors.stream().noneMatch(MessageInterceptor::mayBlock) ? null
                : Executors.newCachedThreadPool(task -> {
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

    /** The message to commit, possibly replaced; throws ImException with the reject code when refused. */
    public OutgoingMessage apply(OutgoingMessage message) {
        OutgoingMessage current = message;
        for (MessageInterceptor interceptor : interceptors) {
            Decision decision = decide(interceptor, current);
            if (decision instanceof Decision.Replace replace) {
                current = replace.message();
            } else if (decision instanceof Decision.Reject reject) {
                throw new ImException(reject.code(), reject.reason());
            }
        }
        return current;
    }

    private Decision decide(MessageInterceptor interceptor, OutgoingMessage message) {
        if (!interceptor.mayBlock()) {
            return decideHere(interceptor, message);
        }
        OutgoingMessage input = message;
        Future<Decision> future = executor.submit(() -> interceptor.decide(input));
        try {
            Decision decision = future.get(interceptor.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (decision == null) {
                throw new IllegalStateException("returned null");
            }
            return decision;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(interceptor, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(interceptor, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImException imException) {
                throw imException;
            }
            return failed(interceptor, e.getCause());
        } catch (RuntimeException e) {
            return failed(interceptor, e);
        }
    }

    /** Calls a non-blocking interceptor on this thread, with the same failure rules as the others. */
    private Decision decideHere(MessageInterceptor interceptor, OutgoingMessage message) {
        try {
            Decision decision = interceptor.decide(message);
            if (decision == null) {
                throw new IllegalStateException("returned null");
            }
            return decision;
        } catch (ImException refused) {
            throw refused;
        } catch (RuntimeException e) {
            return failed(interceptor, e);
        }
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
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
