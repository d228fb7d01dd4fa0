package io.parley.testkit.push;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The access tokens a fake vendor's token endpoint hands out: {@code <prefix>1}, {@code <prefix>2}, … of which
 * only the last one issued is current, until it is revoked (as when the fake declares it stale).
 */
final class IssuedTokens {
    private final String prefix;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String current = "";

    IssuedTokens(String prefix) {
        this.prefix = prefix;
    }

    /** Issues the next token, which becomes the current one. */
    String issue() {
        current = prefix + issued.incrementAndGet();
        return current;
    }

    /** Whether {@code token} is the current token; none is before the first issue and after a revoke. */
    boolean isCurrent(String token) {
        return !current.isEmpty() && current.equals(token);
    }

    /** Makes no token current, so that every one issued so far is refused. */
    void revoke() {
        current = "";
    }
}
