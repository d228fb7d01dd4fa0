package io.parley.client;

/**
 * Told of every change of {@link ConnectionStatus}.
 *
 * <p>Called on the client's callback thread (see {@link ImClient}), in order, one call at a time, never on a
 * Netty event loop. A listener that throws is logged and the others are still called.
 */
@FunctionalInterface
public interface ConnectionStatusListener {
    void onStatusChanged(ConnectionStatus status);
}
