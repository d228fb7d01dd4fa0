package io.parley.kernel.transport;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one client may make the server hold on its ports: connections (in total and per source address, on each
 * port), the time a connection may take to say who it is, the time it may leave written frames unread, the
 * protocol requests it may have waiting for an answer, and how long an HTTP connection may idle or trickle.
 * Keys and defaults are in the README's configuration table and {@code docs/operations.md}'s security section.
 */
public record TransportLimits(
        Duration connectTimeout,
        Duration slowConsumerTimeout,
        int maxPendingRequests,
        ConnectionCap tcp,
        ConnectionCap http,
        Duration httpIdleTimeout,
        Duration httpRequestTimeout) {

    /** The most connections one port holds, in total and from one source address. */
    public record ConnectionCap(int total, int perAddress) {
        public ConnectionCap {
            check(total >= 1 && perAddress >= 1, "connection caps must be at least 1");
        }
    }

    /** File descriptors kept free of client connections for storage files, outbound calls and the JVM itself. */
    static final int RESERVED_DESCRIPTORS = 512;

    public TransportLimits {
        check(!connectTimeout.isNegative() && !connectTimeout.isZero(), "protocol.connect-timeout must be positive");
        check(!slowConsumerTimeout.isNegative() && !slowConsumerTimeout.isZero(),
                "protocol.slow-consumer-timeout must be positive");
        check(maxPendingRequests >= 1, "protocol.max-pending-requests must be at least 1");
        check(!httpIdleTimeout.isNegative() && !httpIdleTimeout.isZero(), "http.idle-timeout must be positive");
        check(!httpRequestTimeout.isNegative() && !httpRequestTimeout.isZero(), "http.request-timeout must be positive");
    }

    public static TransportLimits read(PluginConfig config) {
        long descriptors = maxFileDescriptors();
        // Defaults below the process's descriptor limit: a fifth of what is left after the reserve for the HTTP port
        // (the server API, health checks and WebSockets), the rest for the TCP port, so that a flood on one port
        // never takes the descriptors the other needs.
        int usable = (int) Math.max(64, Math.min(Integer.MAX_VALUE, descriptors - RESERVED_DESCRIPTORS));
        int httpDefault = Math.max(32, usable / 5);
        int tcpDefault = Math.max(32, usable - httpDefault);
        return new TransportLimits(
                config.getDuration("protocol.connect-timeout", Duration.ofSeconds(10)),
                config.getDuration("protocol.slow-consumer-timeout", Duration.ofSeconds(30)),
                config.getInt("protocol.max-pending-requests", 64),
                new ConnectionCap(config.getInt("tcp.max-connections", tcpDefault),
                        config.getInt("tcp.max-connections-per-address", perAddressDefault(tcpDefault))),
                new ConnectionCap(config.getInt("http.max-connections", httpDefault),
                        config.getInt("http.max-connections-per-address", perAddressDefault(httpDefault))),
                config.getDuration("http.idle-timeout", Duration.ofSeconds(60)),
                config.getDuration("http.request-timeout", Duration.ofSeconds(30)));
    }

    /**
     * One address may hold a tenth of a port, and at least 1,000 connections: many users share an address behind a
     * carrier-grade NAT or a company proxy, so the per-address cap only keeps one source from taking the whole port.
     */
    private static int perAddressDefault(int total) {
        return Math.min(total, Math.max(1000, total / 10));
    }

    /** The process's limit on open files, or a conservative guess where the JVM cannot tell. */
    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 4096;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw ImException.invalidParameter(message);
        }
    }
}
