package io.parley.api.error;

/** Who is to blame for an error, which decides how it is logged, counted and answered. */
public enum ErrorType {
    /** The caller sent something wrong; the answer says what. Logged at debug level. */
    USER_ERROR,
    /** A bug or an unexpected state inside Parley. Logged with its stack trace. */
    INTERNAL_ERROR,
    /** Something outside Parley failed: a webhook, a push vendor, a database. */
    EXTERNAL,
    /** A limit was reached: a rate limit, a full queue, a size cap. */
    INSUFFICIENT_RESOURCES
}
