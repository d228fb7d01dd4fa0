package io.parley.api.error;

/**
 * A numbered error. The kernel's codes are {@link StandardErrorCode}; each plugin owns a numbered range
 * of its own (documented in {@code docs/plugin-guide.md}) and implements this interface in an enum.
 * Codes that RongCloud defines keep RongCloud's numbers, so that existing client code understands them.
 */
public interface ErrorCode {
    /** The number sent on the wire, in server-API envelopes and in protocol ERROR frames. */
    int code();

    /** A stable upper-snake-case name, e.g. {@code TOKEN_EXPIRED}. */
    String name();

    ErrorType type();
}
