package io.parley.client.ultragroup;

import java.util.List;
import java.util.Map;

/**
 * An ultragroup this user is in, with the channels it may see (the default channel first).
 *
 * @param groupId the ultragroup's id
 * @param name its name
 * @param channels the channels, each with its latest seq, read position, unread and mention counts
 */
public record Ultragroup(String groupId, String name, List<UltragroupChannel> channels) {
    public Ultragroup {
        channels = List.copyOf(channels);
    }

    /** Unread messages across the channels. */
    public int unreadCount() {
        return channels.stream().mapToInt(UltragroupChannel::unreadCount).sum();
    }

    static Ultragroup from(Map<String, Object> body) {
        String groupId = BodyFields.string(body, "groupId");
        return new Ultragroup(groupId, BodyFields.string(body, "name"), BodyFields.list(body, "channels").stream()
                .map(channel -> UltragroupChannel.from(groupId, channel)).toList());
    }
}
