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
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What every client connection needs, shared by all of them: built once, handed to each {@link ConnectionHandler}. */
public record ProtocolServices(KernelConfig config, TransportLimits limits, Optional<ServerTls> tls, TokenService tokens, SessionRegistry sessions,
        MessagePipeline pipeline, SyncService sync, MessageStore messages, MetadataStore metadata,
        ClientCommandRegistry commands, List<ConnectionGuard> connectionGuards, WorkerPool workers, EventBus events, KernelMetrics metrics, Clock clock) {
}
