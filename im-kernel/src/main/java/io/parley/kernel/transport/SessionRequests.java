package io.parley.kernel.transport;

import io.parley.api.storage.MetadataStore;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.sync.SyncService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What a connected session's frames are served by: SEND by the write path, SYNC by the sync service, COMMAND by the
 * client commands, ACK (a device's inbox cursor) by the metadata store.
 */
@Singleton
public record SessionRequests(MessagePipeline pipeline, SyncService sync, ClientCommandRegistry commands,
        MetadataStore metadata) {
    @Inject
    public SessionRequests {
    }
}
