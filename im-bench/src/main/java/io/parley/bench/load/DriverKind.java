package io.parley.bench.load;

/** Which client drives the connections: the lean protocol driver, or the real Java client SDK. */
public enum DriverKind {
    LEAN,
    SDK
}
