package io.parley.plugin.ultragroup;

import io.parley.api.error.ImException;
import java.util.regex.Pattern;

/**
 * One channel of one ultragroup, as a client names it in {@code targetId}: {@code <groupId>} for the default
 * channel, {@code <groupId>:<channelId>} for another (RongCloud's {@code busChannel}). The same string is the
 * id of the channel's conversation key, so every channel has its own log and its own gapless seq.
 */
record Target(String groupId, String channelId) {
    static final char SEPARATOR = ':';
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_=+.@-]{1,64}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9]{1,20}");

    static Target parse(String targetId) {
        if (targetId == null) {
            throw ImException.invalidParameter("targetId is required");
        }
        int at = targetId.indexOf(SEPARATOR);
        return at < 0 ? of(targetId, "") : of(targetId.substring(0, at), targetId.substring(at + 1));
    }

    static Target of(String groupId, String channelId) {
        checkGroupId(groupId);
        String channel = channelId == null ? "" : channelId;
        if (!channel.isEmpty() && !CHANNEL_ID.matcher(channel).matches()) {
            throw ImException.invalidParameter("busChannel must be 1 to 20 letters or digits: " + channel);
        }
        return new Target(groupId, channel);
    }

    static String checkGroupId(String groupId) {
        if (groupId == null || !GROUP_ID.matcher(groupId).matches()) {
            throw ImException.invalidParameter("groupId must be 1 to 64 letters, digits or _=+.@-: " + groupId);
        }
        return groupId;
    }

    boolean isDefault() {
        return channelId.isEmpty();
    }

    /** The targetId, and the id of the channel's conversation key. */
    String asTargetId() {
        return channelId.isEmpty() ? groupId : groupId + SEPARATOR + channelId;
    }
}
