package io.parley.client;

/**
 * Receives plugins' notices: what a server plugin tells the members of a conversation (a reaction added, a vote
 * counted), named by {@link ReceivedMessage#objectName()} (the plugin's own type, e.g. {@code Reactions:Changed}) with
 * its {@link ReceivedMessage#content()} (JSON, by convention), from {@code plugin:<name>}
 * ({@link ReceivedMessage#fromUserId()}), for the conversation {@link ReceivedMessage#conversationType()} and
 * {@link ReceivedMessage#targetId()}.
 *
 * <p>A notice is never a message: do not show it as one, store it, count it as unread or use it as a conversation's
 * last message; apply it to the app's state. Notices are stored and synced like messages, so each reaches a device
 * once, in order with the messages of its stream (the inbox, or the group's log), whether it came by DELIVER or by
 * SYNC after the device was offline; a chatroom's reach only the devices online then. They are called on the
 * client's callback thread, in order with the message listeners, and count in the cursor as messages do.
 */
@FunctionalInterface
public interface NoticeListener {
    void onNotice(ReceivedMessage notice);
}
