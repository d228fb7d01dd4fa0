package io.parley.testkit.push;

import java.time.Duration;
import java.util.Optional;

/** What an adapter reported for one token, for the compliance suite. */
public record SentOutcome(ExpectedOutcome kind, Optional<Duration> retryAfter) {
}
