package io.parley.plugin.moderation.common;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;

/**
 * The moderation plugin's error codes. Where RongCloud has a number it is kept (21501 for a blocked word, 405
 * for a refusal by the recipient's lists, 1019 for a full word list); Parley's own codes are 41000–41099.
 * The kernel's {@code REJECTED_BY_BLACKLIST} (405), {@code SEND_FREQUENCY_TOO_FAST} (20604),
 * {@code USER_BLOCKED} (31009) and {@code RATE_LIMITED} (1008) are used as they are.
 */
public enum ModerationErrorCode implements ErrorCode {
    /** RongCloud's SENSITIVE_SHIELD: the message holds a block word and was not delivered. */
    SENSITIVE_SHIELD(21501, ErrorType.USER_ERROR),
    /** The recipient runs whitelist mode and the sender is not on it (RongCloud's 405 family of refusals). */
    NOT_IN_WHITELIST(405, ErrorType.USER_ERROR),
    /** RongCloud's "sensitive-word count over limit" on {@code /sensitiveword/add.json}. */
    SENSITIVE_WORD_LIMIT(1019, ErrorType.INSUFFICIENT_RESOURCES),
    /** The app server's message callback answered {@code pass:0}. */
    CALLBACK_BLOCKED(41001, ErrorType.USER_ERROR),
    /** The message callback failed (timeout, refused, garbage) and the policy is fail-closed. */
    CALLBACK_UNAVAILABLE(41002, ErrorType.EXTERNAL);

    private final int code;
    private final ErrorType type;

    ModerationErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return type;
    }
}
