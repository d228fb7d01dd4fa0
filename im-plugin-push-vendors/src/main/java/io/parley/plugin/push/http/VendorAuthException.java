package io.parley.plugin.push.http;

import io.parley.plugin.push.spi.PushOutcome;

/** Minting an access token failed; {@link #outcome} says whether retrying can help. */
public final class VendorAuthException extends RuntimeException {
    private final transient PushOutcome outcome;

    public VendorAuthException(PushOutcome outcome) {
        super(outcome.kind() + ": " + outcome.reason());
        this.outcome = outcome;
    }

    public PushOutcome outcome() {
        return outcome;
    }
}
