package io.parley.plugin.push.dispatch;

import static java.util.Objects.requireNonNull;

import io.parley.plugin.push.spi.PushNotification;
import io.parley.plugin.push.spi.PushTarget;
import java.util.List;

/**
 * One queued send: a notification to a batch of one vendor's devices that share an app id and environment.
 * Kept in the push queue until every target is delivered, dropped or out of time.
 *
 * @param expiresAt after this (epoch ms) the notification is no longer worth sending: its TTL
 * @param attempts how many sends were tried so far
 * @param dueAt when the next send is due (epoch ms)
 */
public record PushJob(String id, String vendor, PushNotification notification, List<Recipient> recipients,
        long expiresAt, int attempts, long dueAt) {

    /** A target device and the user it belongs to, so that an invalid token can be removed. */
    public record Recipient(String userId, String token, String appId, boolean sandbox) {
        public PushTarget target() {
            return new PushTarget(token, appId, sandbox);
        }
    }

    public PushJob {
        requireNonNull(id, "id is null");
        requireNonNull(vendor, "vendor is null");
        requireNonNull(notification, "notification is null");
        recipients = List.copyOf(recipients);
    }

    public List<PushTarget> targets() {
        return recipients.stream().map(Recipient::target).toList();
    }

    /** The job for another try: only the recipients still to reach, one more attempt, due later. */
    public PushJob retry(List<Recipient> remaining, long nextDueAt) {
        return new PushJob(id, vendor, notification, remaining, expiresAt, attempts + 1, nextDueAt);
    }
}
