package io.parley.plugin.moderation.rate;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginMetrics;

/**
 * Limits how fast a client sends: one token bucket per (user, platform), which is one per client under the
 * default one-device-per-platform policy, shared by every conversation type. A send beyond the limit is
 * refused with {@code SEND_FREQUENCY_TOO_FAST} (20604). Messages from the server API are not limited here.
 *
 * <p>Called on the conversation's stripe; in memory, never blocks.
 */
public final class ClientRateLimitInterceptor implements MessageInterceptor {
    private final TokenBucketLimiter limiter;
    private final PluginMetrics.Counter limited;

    public ClientRateLimitInterceptor(TokenBucketLimiter limiter, PluginMetrics metrics) {
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.limited = metrics.counter("im.moderation.ratelimited", "scope", "client");
    }

    @Override
    public String name() {
        return "moderation.rate-limit";
    }

    /** First: a flood is refused before any other work. */
    @Override
    public int order() {
        return -300;
    }

    /** In memory: runs on the stripe, with no thread hand-off. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        if (message.source().isEmpty()) {
            return Decision.proceed();
        }
        if (limiter.tryAcquire(message.fromUserId() + "/" + message.source().get().code())) {
            return Decision.proceed();
        }
        limited.increment();
        return Decision.reject(StandardErrorCode.SEND_FREQUENCY_TOO_FAST, "sending too fast");
    }
}
