package io.parley.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A committed message: what is stored, delivered and synced.
 *
 * @param conversation the shared storage key of its conversation
 * @param targetId the target as the sender addressed it (the peer for a private chat)
 * @param seq the message's place in its conversation: 1, 2, 3… with no gap; 0 for a status message,
 *     which is never stored
 * @param messageUid unique app-wide, in RongCloud's format ({@code BCVD-DV70-EKOC-7ES6})
 * @param sentTime the server's time of acceptance, epoch milliseconds
 * @param disablePush true when the sender asked that no push notification be sent for it (RongCloud
 *     {@code disablePush}); it governs the push decided at commit and is not kept in the stored record
 * @see #notice()
 */
public record Message(
        ConversationKey conversation,
        String fromUserId,
        String targetId,
        String objectName,
        String content,
        Optional<String> pushContent,
        Optional<String> pushData,
        boolean persisted,
        boolean counted,
        String clientMsgId,
        Optional<Platform> source,
        long seq,
        String messageUid,
        long sentTime,
        boolean disablePush) {

    /**
     * The sender of every {@linkplain #notice() notice}: {@code plugin:} then the plugin's name. No user id can start
     * with it (user ids have no colon), and the write path refuses a published message from such a sender, so a
     * message is a notice exactly when its sender starts with it.
     */
    public static final String NOTICE_SENDER_PREFIX = "plugin:";

    public Message {
        requireNonNull(conversation, "conversation is null");
        requireNonNull(fromUserId, "fromUserId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(content, "content is null");
        requireNonNull(pushContent, "pushContent is null");
        requireNonNull(pushData, "pushData is null");
        requireNonNull(clientMsgId, "clientMsgId is null");
        requireNonNull(source, "source is null");
        requireNonNull(messageUid, "messageUid is null");
    }

    /** A message that allows push notifications. */
    public Message(ConversationKey conversation, String fromUserId, String targetId, String objectName, String content,
            Optional<String> pushContent, Optional<String> pushData, boolean persisted, boolean counted,
            String clientMsgId, Optional<Platform> source, long seq, String messageUid, long sentTime) {
        this(conversation, fromUserId, targetId, objectName, content, pushContent, pushData, persisted, counted,
                clientMsgId, source, seq, messageUid, sentTime, false);
    }

    /** The sender of the notices of plugin {@code pluginName}: {@code plugin:<pluginName>}. */
    public static String noticeSender(String pluginName) {
        return NOTICE_SENDER_PREFIX + requireNonNull(pluginName, "pluginName is null");
    }

    /** Whether {@code fromUserId} is the sender of notices ({@link #NOTICE_SENDER_PREFIX}), not a user. */
    public static boolean isNoticeSender(String fromUserId) {
        return fromUserId.startsWith(NOTICE_SENDER_PREFIX);
    }

    /**
     * Whether this is a plugin's notice ({@link io.parley.api.model.MessageKind#NOTICE}, sent with
     * {@link io.parley.api.plugin.ConversationService#notify}): stored and synced like a message, never shown as
     * one. Told by its sender ({@link #NOTICE_SENDER_PREFIX}), so that it holds for a stored message too; devices
     * see it as the wire message's {@code notice} flag.
     */
    public boolean notice() {
        return isNoticeSender(fromUserId);
    }

    public ConversationType conversationType() {
        return conversation.type();
    }

    /**
     * The conversation as {@code userId} sees it: for a private chat, the other party; for a system conversation, its
     * sender (the app account: as in RongCloud, a user's system conversations are named by who sends them, and the
     * user names one so in {@code history.query}, {@code conversation.read} and the like); else the target.
     */
    public String targetFor(String userId) {
        if (conversation.type() == ConversationType.SYSTEM) {
            // the key is "<sender>:<user>" (a notice in it is sent from plugin:<name>, but names the same conversation)
            int colon = conversation.id().lastIndexOf(':');
            return colon > 0 ? conversation.id().substring(0, colon) : fromUserId;
        }
        if (conversation.type() == ConversationType.PRIVATE && !fromUserId.equals(userId)) {
            if (targetId.equals(userId)) {
                return fromUserId;
            }
            // from neither of the two (a plugin's notice): the other user of the pair the key names
            String pair = conversation.id();
            int colon = pair.indexOf(':');
            if (colon > 0 && pair.substring(0, colon).equals(userId)) {
                return pair.substring(colon + 1);
            }
            if (colon > 0 && pair.substring(colon + 1).equals(userId)) {
                return pair.substring(0, colon);
            }
            return fromUserId;
        }
        return targetId;
    }

    public Message withSeq(long newSeq) {
        return new Message(conversation, fromUserId, targetId, objectName, content, pushContent, pushData,
                persisted, counted, clientMsgId, source, newSeq, messageUid, sentTime, disablePush);
    }
}
