package io.parley.kernel.transport;

import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.metrics.KernelMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** What the transports share to build a client connection's pipeline: the settings, TLS when configured, the meters. */
@Singleton
public record TransportContext(KernelConfig config, TransportLimits limits, Optional<ServerTls> tls,
        KernelMetrics metrics) {
    @Inject
    public TransportContext {
    }
}
