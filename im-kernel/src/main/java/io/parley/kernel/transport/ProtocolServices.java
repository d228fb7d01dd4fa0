package io.parley.kernel.transport;

import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.metrics.KernelMetrics;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.sync.SyncService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What every client connection needs, shared by all of them: built once, handed to each {@link ConnectionHandler}. */
@Singleton
public record ProtocolServices(KernelConfig config, TransportLimits limits, Optional<ServerTls> tls, TokenService tokens, SessionRegistry sessions,
        MessagePipeline pipeline, SyncService sync, MessageStore messages, MetadataStore metadata,
        ClientCommandRegistry commands, List<ConnectionGuard> connectionGuards, WorkerPool workers, EventBus events, KernelMetrics metrics, Clock clock) {
    /** The server's: what the graph holds once, with the guards in the order they are asked. */
    @Inject
    public ProtocolServices(KernelConfig config, TransportLimits limits, Optional<ServerTls> tls, TokenService tokens,
            SessionRegistry sessions, MessagePipeline pipeline, SyncService sync, MessageStore messages,
            MetadataStore metadata, ClientCommandRegistry commands, ConnectionGuards guards, WorkerPool workers,
            EventBus events, KernelMetrics metrics, Clock clock) {
        this(config, limits, tls, tokens, sessions, pipeline, sync, messages, metadata, commands, guards.all(), workers,
                events, metrics, clock);
    }
}
