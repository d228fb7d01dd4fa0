package io.parley.plugin.push.spi;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One push vendor's adapter (APNs, FCM, Xiaomi…). It owns its HTTP client and its auth: it caches the vendor's
 * access token or JWT, refreshes it before it expires, and re-mints it and retries once when the vendor says it
 * is stale. It classifies every vendor answer into a {@link PushOutcome} per token, and never retries a send
 * itself otherwise: retries with backoff are the push queue's job.
 *
 * <p>Thread-safe. {@link #send} never blocks the caller; the stage completes on the HTTP client's threads. It
 * completes normally even when the vendor fails (with {@link PushOutcome.Kind#TRANSIENT} for I/O errors).
 */
public interface PushProvider extends AutoCloseable {

    /** The vendor's name as config and device tokens spell it: {@code apns}, {@code fcm}, {@code xiaomi}, … */
    String vendor();

    /** How many targets one {@link #send} may carry; the vendor's own batch limit, 1 when it has none. */
    int maxBatchSize();

    /**
     * Sends one notification to up to {@link #maxBatchSize()} targets that share an app id and environment.
     * The result has one outcome per target token.
     */
    CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets);

    @Override
    default void close() {
    }
}
