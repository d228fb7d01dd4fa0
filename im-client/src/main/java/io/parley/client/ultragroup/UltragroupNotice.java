package io.parley.client.ultragroup;

import java.util.Map;

/**
 * The light notice ({@code ultragroup.message} event) a device gets for a message in a channel it has not
 * subscribed to: enough to bump an unread badge, then pull the channel's history when it is opened.
 *
 * @param targetId the channel
 * @param groupId the ultragroup
 * @param channelId the channel id ({@code ""} for the default channel)
 * @param seq the message's seq in the channel
 * @param messageUid the message's id
 * @param fromUserId the sender
 * @param objectName the message type
 * @param sentTime epoch ms
 * @param counted whether it counts as unread
 * @param mentioned whether it mentions this user (or everyone)
 */
public record UltragroupNotice(String targetId, String groupId, String channelId, long seq, String messageUid,
        String fromUserId, String objectName, long sentTime, boolean counted, boolean mentioned) {

    static UltragroupNotice from(Map<String, Object> body) {
        return new UltragroupNotice(BodyFields.string(body, "targetId"), BodyFields.string(body, "groupId"),
                BodyFields.string(body, "channelId"), BodyFields.number(body, "seq"),
                BodyFields.string(body, "messageUid"), BodyFields.string(body, "fromUserId"),
                BodyFields.string(body, "objectName"), BodyFields.number(body, "sentTime"),
                BodyFields.flag(body, "counted"), BodyFields.flag(body, "mentioned"));
    }
}
