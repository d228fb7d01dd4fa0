package io.parley.kernel.message;

import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import java.time.Duration;

/**
 * Wraps one of the kernel's own interceptors (recall, read sync, receipts) so that it runs after every plugin
 * interceptor, fails closed, and is bounded by a short timeout: its side effects must only happen for
 * messages that will be committed.
 */
public record KernelStep(MessageInterceptor step) implements MessageInterceptor {
    @Override
    public String name() {
        return step.name();
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public boolean failOpen() {
        return false;
    }

    /** The kernel's own steps are trusted and cheap: they run on the stripe, without a thread hand-off. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        return step.decide(message);
    }
}
