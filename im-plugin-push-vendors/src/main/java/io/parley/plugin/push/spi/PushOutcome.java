package io.parley.plugin.push.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the vendor said about one target, sorted by what the server must do next.
 *
 * @param kind the action class
 * @param reason the vendor's own code or reason, for logs and stats
 * @param retryAfter the vendor's {@code Retry-After}, when it sent one
 * @param invalidSince for an invalid token, when the vendor says it became invalid (epoch ms; APNs' 410
 *     {@code timestamp}): a token registered again after that is kept
 */
public record PushOutcome(Kind kind, String reason, Optional<Duration> retryAfter, OptionalLong invalidSince) {

    /** The action classes of every vendor's error table. */
    public enum Kind {
        /** The vendor took it. */
        ACCEPTED,
        /** The token is dead: remove it, do not retry. */
        INVALID_TOKEN,
        /** The access token or JWT was refused even after one re-mint; retried later. */
        AUTH_REFRESH,
        /** Too fast: retry later, after {@code Retry-After} when given. */
        RATE_LIMITED,
        /** The daily quota is used up: retried later, within the notification's TTL. */
        QUOTA_EXHAUSTED,
        /** A server or network error: retry with backoff. */
        TRANSIENT,
        /** Credentials or app configuration are wrong: alert operators, do not retry. */
        CONFIG_ERROR,
        /** The request itself is wrong: do not retry as is. */
        BAD_REQUEST
    }

    public PushOutcome {
        requireNonNull(kind, "kind is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(retryAfter, "retryAfter is null");
        requireNonNull(invalidSince, "invalidSince is null");
    }

    public PushOutcome(Kind kind, String reason, Optional<Duration> retryAfter) {
        this(kind, reason, retryAfter, OptionalLong.empty());
    }

    public static PushOutcome of(Kind kind, String reason) {
        return new PushOutcome(kind, reason, Optional.empty());
    }

    public static PushOutcome accepted() {
        return of(Kind.ACCEPTED, "ok");
    }
}
