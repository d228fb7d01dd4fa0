package io.parley.builtin.common;

import io.parley.api.plugin.MessageInterceptor;

/**
 * An interceptor whose side effects (a recall mark, a read position, a receipt) must happen only for messages that
 * will be committed: it runs after every other interceptor ({@code order()} {@link Integer#MAX_VALUE}; among such steps,
 * by name), on the conversation's stripe (it reads and writes metadata only, briefly), and a failure rejects the
 * message rather than letting it pass.
 */
public interface LastStep extends MessageInterceptor {
    @Override
    default int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    default boolean mayBlock() {
        return false;
    }

    @Override
    default boolean failOpen() {
        return false;
    }
}
