package io.parley.api.route;

/**
 * Runs before every server-API route, after the signature is verified: rate limits, maintenance switches.
 * Called on a server-API worker thread; must be fast and must not block on the network. Throw
 * {@code ImException} to refuse the call (for a rate limit, {@code RATE_LIMITED} 1008, answered with HTTP 429).
 */
public interface ServerApiGuard {

    String name();

    void check(ApiRequest request);
}
