package io.parley.client.ultragroup;

import java.util.Map;

/**
 * A message of a channel's history, as the server shows it now: its latest edit, or a recall's
 * {@code RC:RcNtf} note.
 *
 * @param seq its place in the channel (1, 2, 3…)
 * @param messageUid the server's unique id, kept by edits
 * @param targetId the channel, {@code <groupId>} or {@code <groupId>:<channelId>}
 * @param channelId the channel id ({@code ""} for the default channel)
 * @param fromUserId the sender
 * @param objectName the message type, e.g. {@code RC:TxtMsg}
 * @param content the content (edited, if it was)
 * @param sentTime the server's commit time, epoch ms
 * @param counted whether it counts as unread
 * @param version 0 for an unedited message, then 1, 2, … per edit
 */
public record UltragroupMessage(long seq, String messageUid, String targetId, String channelId, String fromUserId,
        String objectName, String content, long sentTime, boolean counted, int version) {

    static UltragroupMessage from(Map<String, Object> body) {
        return new UltragroupMessage(BodyFields.number(body, "seq"), BodyFields.string(body, "messageUid"),
                BodyFields.string(body, "targetId"), BodyFields.string(body, "channelId"),
                BodyFields.string(body, "fromUserId"), BodyFields.string(body, "objectName"),
                BodyFields.string(body, "content"), BodyFields.number(body, "sentTime"),
                BodyFields.flag(body, "counted"), (int) BodyFields.number(body, "version"));
    }
}
