package io.parley.kernel.transport;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.parley.kernel.config.TrackedConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The transports' settings, read once from config; the transports themselves are built by injection. */
public final class TransportModule extends AbstractModule {
    @Provides
    @Singleton
    TransportLimits transportLimits(TrackedConfig config) {
        return TransportLimits.read(config);
    }

    @Provides
    @Singleton
    Optional<ServerTls> serverTls(TrackedConfig config) {
        return ServerTls.read(config);
    }
}
