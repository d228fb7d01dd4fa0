package io.parley.plugin.push.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.push.http.VendorHttp;
import java.util.Optional;

/**
 * What became of each push, by push id (a message's UID, or the id {@code /push.json} answered), kept in the
 * metadata store under {@code push.stats} for the stats query. Thread-safe; blocks on storage.
 */
public final class PushStats {
    static final String NAMESPACE = "push.stats";

    /**
     * @param targets devices the push was queued for
     * @param delivered devices whose vendor accepted it
     * @param failed devices given up on (dead token, bad config or request, TTL over)
     * @param tokensRemoved dead tokens removed on the way
     */
    public record Counts(long targets, long delivered, long failed, long tokensRemoved, long createdAt) {
        public long pending() {
            return targets - delivered - failed;
        }
    }

    private final MetadataStore metadata;

    public PushStats(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public Optional<Counts> get(String pushId) {
        return metadata.get(NAMESPACE, pushId).map(PushStats::read);
    }

    public synchronized void queued(String pushId, int targets, long now) {
        Counts c = get(pushId).orElse(new Counts(0, 0, 0, 0, now));
        put(pushId, new Counts(c.targets() + targets, c.delivered(), c.failed(), c.tokensRemoved(), c.createdAt()));
    }

    public synchronized void settled(String pushId, int delivered, int failed, int tokensRemoved) {
        if (delivered == 0 && failed == 0 && tokensRemoved == 0) {
            return;
        }
        Counts c = get(pushId).orElse(new Counts(0, 0, 0, 0, 0));
        put(pushId, new Counts(c.targets(), c.delivered() + delivered, c.failed() + failed,
                c.tokensRemoved() + tokensRemoved, c.createdAt()));
    }

    private void put(String pushId, Counts counts) {
        metadata.put(NAMESPACE, pushId, VendorHttp.json(counts));
    }

    private static Counts read(String json) {
        try {
            return VendorHttp.JSON.readValue(json, Counts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt push stats record: " + json, e);
        }
    }
}
