package io.parley.kernel.http;

import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.cluster.SharedOnceKeys;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts each signed server-API request once: its signature (which stands for its nonce and timestamp) is
 * remembered until its timestamp leaves the signature window, and a request carrying it again is refused with
 * 1004. Asked only after the signature and timestamp are found good, so nobody without the secret can use up
 * places. The keys live in the cluster provider's {@link SharedOnceKeys}, so a request served by one node is
 * refused by every other; on one node they live in bounded memory. Called on a worker thread (the shared store
 * may block briefly). Thread-safe.
 *
 * <p>Refusals are counted in {@code im.server_api.nonces.refused}, tagged {@code reason}: {@code replayed} (1004),
 * {@code full} (the store is full: 1008, HTTP 429) and {@code unavailable} (the shared store cannot be reached:
 * 31003, HTTP 503; a request that cannot be checked is not served).
 */
@Singleton
public final class ReplayGuard {
    private static final String NONCES_REFUSED = "Signed server-API requests refused by the replay guard: sent before"
            + " (replayed), more than it can remember (full), or its store unreachable (unavailable)";
    private static final Logger log = LoggerFactory.getLogger(ReplayGuard.class);
    private static final String KEY_PREFIX = "server-api-nonce:";
    private static final long WARNING_INTERVAL_MILLIS = 60_000;

    private final SharedOnceKeys nonces;
    private final Duration window;
    private final Clock clock;
    private final Counter replayed;
    private final Counter full;
    private final Counter unavailable;
    private final AtomicLong lastWarningMillis = new AtomicLong(Long.MIN_VALUE);

    /** Remembers each request as long as the signature's skew window. */
    @Inject
    public ReplayGuard(SharedOnceKeys nonces, KernelConfig config, Clock clock, MeterRegistry metrics) {
        this(nonces, config.signatureMaxSkew(), clock, metrics);
    }

    /**
     * @param window     the signature window ({@code server-api.signature-max-skew}): a request is remembered until
     *                   its timestamp is this far behind the clock
     */
    public ReplayGuard(SharedOnceKeys nonces, Duration window, Clock clock, MeterRegistry metrics) {
        this.nonces = nonces;
        this.window = window;
        this.clock = clock;
        this.replayed = Meters.counter(metrics, "im.server_api.nonces.refused", NONCES_REFUSED, "reason", "replayed");
        this.full = Meters.counter(metrics, "im.server_api.nonces.refused", NONCES_REFUSED, "reason", "full");
        this.unavailable = Meters.counter(metrics, "im.server_api.nonces.refused", NONCES_REFUSED, "reason", "unavailable");
    }

    /** Remembers {@code request}, or throws the refusal when it was seen before or cannot be remembered. */
    public void acceptOnce(SignatureVerifier.Verified request) {
        Duration ttl = Duration.ofMillis(Math.max(1, request.timestampMillis() + window.toMillis() - clock.millis()));
        SharedOnceKeys.Outcome outcome;
        try {
            outcome = nonces.rememberOnce(KEY_PREFIX + request.signature(), ttl);
        } catch (IllegalStateException e) {
            unavailable.increment();
            warn("server-API requests are refused: their nonces cannot be remembered ({})", e.getMessage());
            throw new ImException(StandardErrorCode.SERVER_UNAVAILABLE,
                    "the nonce store cannot be reached, so this request cannot be checked for replay; retry later");
        }
        switch (outcome) {
            case FIRST -> {
            }
            case REPEATED -> {
                replayed.increment();
                throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "this Nonce, Timestamp and Signature were"
                        + " already used: a signed request is accepted once; sign each request with a fresh nonce");
            }
            case FULL -> {
                full.increment();
                warn("server-API requests are refused: more nonces than server-api.max-nonces within {}"
                        + " (server-api.signature-max-skew); raise the one or shorten the other", window);
                throw new ImException(StandardErrorCode.RATE_LIMITED, "too many signed requests within the"
                        + " signature window of " + window.toSeconds() + "s for this server to remember; retry later");
            }
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
    }

    /** A warning at most once a minute: a flood is refused call by call, and must not flood the log as well. */
    private void warn(String message, Object detail) {
        long now = clock.millis();
        long last = lastWarningMillis.get();
        if ((last == Long.MIN_VALUE || now - last >= WARNING_INTERVAL_MILLIS) && lastWarningMillis.compareAndSet(last, now)) {
            log.warn(message, detail);
        }
    }
}
