package io.parley.api.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A committed message was written to the online devices of its recipients.
 *
 * @param onlineRecipients users with at least one device that got it
 * @param offlineRecipients users with no device online: candidates for push
 */
public record MessageDelivered(String messageUid, List<String> onlineRecipients, List<String> offlineRecipients,
        long timestamp) implements ImEvent {
    public MessageDelivered {
        requireNonNull(messageUid, "messageUid is null");
        onlineRecipients = List.copyOf(onlineRecipients);
        offlineRecipients = List.copyOf(offlineRecipients);
    }
}
