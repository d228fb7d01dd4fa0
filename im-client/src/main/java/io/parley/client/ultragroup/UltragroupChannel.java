package io.parley.client.ultragroup;

import java.util.Map;

/**
 * One channel of an ultragroup as this user sees it in its channel list.
 *
 * @param groupId the ultragroup
 * @param channelId the channel ({@code ""} for the default channel)
 * @param targetId what names the channel in sends and commands: {@code <groupId>} or {@code <groupId>:<channelId>}
 * @param type 0 public, 1 private
 * @param latestSeq the channel's latest seq
 * @param readSeq this user's read position, kept by the server and shared by its devices
 * @param unreadCount counted messages from others after the read position (capped by the server)
 * @param mentionCount mentions of this user (and {@code @all}) after the read position
 * @param unpushLevel this user's do-not-disturb level for the channel (RongCloud's numbering)
 */
public record UltragroupChannel(String groupId, String channelId, String targetId, int type, long latestSeq,
        long readSeq, int unreadCount, int mentionCount, int unpushLevel) {

    public boolean isPrivate() {
        return type == 1;
    }

    public boolean isDefault() {
        return channelId.isEmpty();
    }

    static UltragroupChannel from(String groupId, Map<String, Object> body) {
        return new UltragroupChannel(groupId, BodyFields.string(body, "channelId"), BodyFields.string(body, "targetId"),
                (int) BodyFields.number(body, "type"), BodyFields.number(body, "latestSeq"),
                BodyFields.number(body, "readSeq"), (int) BodyFields.number(body, "unreadCount"),
                (int) BodyFields.number(body, "mentionCount"), (int) BodyFields.number(body, "unpushLevel"));
    }
}
