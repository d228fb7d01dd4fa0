package io.parley.api.event;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;

/**
 * A recipient with no online device should hear of a message through their phone's push channel. The kernel
 * asks for it for stored, counted private, group and system messages; a business-type plugin (ultragroups)
 * asks for it itself, through {@link io.parley.api.plugin.PluginContext#requestPush}, after applying its own
 * push policy. A push plugin, if one is loaded, listens for it; without one, nothing is sent.
 *
 * @param recipient the user to notify
 * @param message the message as committed
 * @param channelId the ultragroup channel the message was sent in, or empty for every other type
 * @param mentioned true when the message @-mentions the recipient (or everyone): it breaks through
 *     do-not-disturb levels that allow mentions
 * @param unpushLevel the recipient's do-not-disturb level for this conversation, in RongCloud's numbering
 *     (-1 all, 0 default, 1 mentions, 2 @me, 4 @all, 5 blocked)
 * @param badge the recipient's unread total for the app's badge, or -1 when the asker does not know it
 * @param senderAlias the name the recipient should see for the sender: the remark the recipient gave the sender
 *     ({@code /user/remarks/set.json}), else, for a group message, the sender's push alias in that group
 *     ({@code /group/remarks/set.json}); empty when there is neither (the push plugin then falls back on its own)
 */
public record PushRequested(String recipient, Message message, String channelId, boolean mentioned,
        int unpushLevel, int badge, long timestamp, String senderAlias) implements ImEvent {

    public PushRequested {
        requireNonNull(recipient, "recipient is null");
        requireNonNull(message, "message is null");
        requireNonNull(channelId, "channelId is null");
        requireNonNull(senderAlias, "senderAlias is null");
    }

    /** A request without a sender alias. */
    public PushRequested(String recipient, Message message, String channelId, boolean mentioned, int unpushLevel,
            int badge, long timestamp) {
        this(recipient, message, channelId, mentioned, unpushLevel, badge, timestamp, "");
    }
}
