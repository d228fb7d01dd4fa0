package io.parley.testkit.push;

/**
 * The action class a push adapter must give a vendor answer, as in the vendors' error tables: the names match
 * the push plugin's outcome kinds, so a suite can compare them by name.
 */
public enum ExpectedOutcome {
    ACCEPTED, INVALID_TOKEN, AUTH_REFRESH, RATE_LIMITED, QUOTA_EXHAUSTED, TRANSIENT, CONFIG_ERROR, BAD_REQUEST
}
