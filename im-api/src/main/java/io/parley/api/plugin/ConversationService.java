package io.parley.api.plugin;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import java.util.concurrent.CompletionStage;

/**
 * Who is in a conversation and who may read it, by the kernel's own rules (the conversation type's
 * {@link BusinessType} decides, so chatrooms and ultragroups answer too), and notices to its members. Thread-safe.
 * The reads may block briefly on metadata: call them from a worker thread (client commands and server-API routes
 * run on one), never from an event loop.
 */
public interface ConversationService {

    /**
     * The storage key of the conversation {@code userId} names as ({@code type}, {@code targetId}), as a client does
     * in its commands: for a private chat, the other user. Fails with {@code ImException} (33006, unsupported conversation
     * type) for a type no plugin serves.
     */
    ConversationKey key(String userId, ConversationType type, String targetId);

    /**
     * The storage key of the conversation {@code userId} names as ({@code type}, {@code targetId}), for reading its
     * log (history): for a private or system conversation, the user's own (they may always read it); for another
     * type, its {@link BusinessType#readableKey}, which refuses with the type's own code (22406 for a group the user is
     * not a member of, an ultragroup's private channel). Fails with {@code ImException} 33006 (unsupported
     * conversation type) for a type that no plugin serves or whose log is not read this way (chatrooms). May block
     * briefly on metadata. (A default so that test doubles need not implement it.)
     */
    default ConversationKey readableKey(String userId, ConversationType type, String targetId) {
        throw new UnsupportedOperationException("this conversation service does not read conversation logs");
    }

    /**
     * Whether {@code userId} may read the conversation now: one of the two users of a private chat, the recipient of
     * a system conversation, a member of a group or an ultragroup (and of its channel, if private), someone in a
     * chatroom. False for a conversation that does not exist.
     */
    boolean mayRead(String userId, ConversationKey conversation);

    /**
     * The conversation's members, in user-id order, {@code limit} at most (1 to 1000) after {@code after} (exclusive;
     * empty for the first page). Fails with {@code ImException} for a conversation that does not exist.
     */
    MemberPage members(ConversationKey conversation, String after, int limit);

    /**
     * The message {@code messageUid} of the conversation {@code userId} names as ({@code type}, {@code targetId}), as
     * stored (no {@link MessageView} applied): for a type that keeps its own messages (chatrooms), the one it still
     * keeps ({@link BusinessType#keptMessage}). With {@code asParticipant}, only while {@code userId} takes part in the
     * conversation (a group's member; the server API acting as admin passes false). Fails with {@code ImException}:
     * 1015 (not found) for a message not in that conversation, 22406 (a group) or 20406 for a user not in it, 33006 for a type
     * whose messages are not kept. Blocks briefly on storage: call it from a worker thread or an interceptor.
     * (A default so that test doubles need not implement it.)
     */
    default Message message(String userId, ConversationType type, String targetId, String messageUid,
            boolean asParticipant) {
        throw new UnsupportedOperationException("this conversation service does not read messages");
    }

    /**
     * Whether the conversations of {@code type} keep their own messages ({@link BusinessType#keepsOwnMessages}:
     * chatrooms, when their plugin is loaded) rather than the message store: such messages are not stored, and what
     * changes a stored message (expansion) refuses them. False for a type no plugin serves. (A default so that test
     * doubles need not implement it.)
     */
    default boolean keepsOwnMessages(ConversationType type) {
        throw new UnsupportedOperationException("this conversation service does not know how types keep messages");
    }

    /**
     * The target id of channel {@code channelId} of the conversation {@code targetId} (an ultragroup's
     * {@code busChannel}, {@link BusinessType#channelTarget}); {@code targetId} itself for an empty channel. Fails with
     * {@code ImException} for a type with no channels, or 33006 for a type no plugin serves. (A default so that test
     * doubles need not implement it.)
     */
    default String channelTarget(ConversationType type, String targetId, String channelId) {
        throw new UnsupportedOperationException("this conversation service does not know channels");
    }

    /**
     * {@code stored} as it is served now: every plugin's {@link MessageView} applied (a recalled message as its recall
     * note), for a plugin that reads messages from storage itself. May block briefly on metadata. (A default so that
     * test doubles need not implement it.)
     */
    default Message present(Message stored) {
        throw new UnsupportedOperationException("this conversation service does not present messages");
    }

    /**
     * {@code stored} as {@code userId} sees it: empty when its conversation type hides it from them
     * ({@link BusinessType#presentTo}: a group's message from before they joined, unless the group shows earlier
     * history), else as {@link #present}. May block briefly on metadata. (A default so that test doubles need not
     * implement it.)
     */
    default java.util.Optional<Message> presentTo(String userId, Message stored) {
        throw new UnsupportedOperationException("this conversation service does not present messages");
    }

    /**
     * The conversations of {@code type} that {@code userId} follows by cursor ({@link BusinessType#followedBy}: their
     * groups), in id order; empty for a type no plugin serves. May block briefly on metadata. (A default so that test
     * doubles need not implement it.)
     */
    default java.util.List<String> followedBy(String userId, ConversationType type) {
        throw new UnsupportedOperationException("this conversation service does not list conversations");
    }

    /**
     * The name a push notification to {@code recipient} shows for the sender of {@code message}, as RongCloud chooses
     * it: the remark the recipient gave the sender ({@code /user/remarks/set.json}) first, else, for a group message,
     * the sender's push alias in that group ({@code /group/remarks/set.json}), else {@code ""} (the push plugin then
     * falls back on its own). What {@link io.parley.api.event.PushRequested#senderAlias} carries. Blocks briefly on
     * metadata: call it from a worker thread of your own. (A default so that test doubles need not implement it.)
     */
    default String senderAlias(String recipient, Message message) {
        throw new UnsupportedOperationException("this conversation service does not know sender aliases");
    }

    /**
     * Sends a notice to every member's devices: a message of kind {@link io.parley.api.model.MessageKind#NOTICE}
     * named {@code name} (your plugin's own type, e.g. {@code Reactions:Changed}) with {@code content} (JSON, by
     * convention), sent by {@code plugin:<your plugin's name>} ({@link Message#noticeSender}: no user id has a colon, and a
     * published message may not come from such a sender, so devices tell notices by it: the wire message's
     * {@code notice} flag, {@link Message#notice()}). It is stored and synced like any message, so members offline get it
     * when they next sync, but it never shows as a message: it is not the conversation's last message, not counted as
     * unread, not in history, and clients do not keep it. In a chatroom it reaches the members online only. The stage
     * completes with the notice as committed, or exceptionally as a publish does; never wait for it on a stripe or in
     * a hook. Never blocks.
     */
    CompletionStage<Message> notify(ConversationKey conversation, String name, String content);
}
