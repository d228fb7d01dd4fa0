package io.parley.client.ultragroup;

/**
 * An edit of a message in a channel this device subscribed to (the {@code Parley:UgMsgModify} note): the
 * message keeps its UID and seq and gets a new version and content.
 *
 * @param targetId the channel
 * @param messageUid the edited message
 * @param seq the edited message's seq
 * @param version its new version (1, 2, …)
 * @param content its new content
 * @param editedBy who edited it (the sender)
 */
public record UltragroupModification(String targetId, String messageUid, long seq, int version, String content,
        String editedBy) {
}
