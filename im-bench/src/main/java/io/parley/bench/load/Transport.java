package io.parley.bench.load;

/** How the load generator reaches the server: TCP frames, or binary WebSocket messages at {@code /websocket}. */
public enum Transport {
    TCP,
    WS
}
