package io.parley.kernel.push;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.user.UserRemarks;
import jakarta.inject.Inject;

/**
 * The name a push notification shows for a message's sender to one recipient, as RongCloud chooses it: the remark
 * the recipient gave the sender ({@code /user/remarks/set.json}) first, else the name the sender goes by in the
 * conversation as its business type says ({@link io.parley.api.plugin.BusinessType#senderAlias}: in a group, its
 * push alias there, {@code /group/remarks/set.json}), else none. What plugins read as
 * {@link io.parley.api.plugin.ConversationService#senderAlias} (the conversation plugin's push requester among them).
 * Blocks on storage; called on the asking plugin's own thread.
 */
public final class PushAliases {
    private final UserRemarks userRemarks;
    private final BusinessTypeRegistry businessTypes;

    @Inject
    public PushAliases(UserRemarks userRemarks, BusinessTypeRegistry businessTypes) {
        this.userRemarks = requireNonNull(userRemarks, "userRemarks is null");
        this.businessTypes = requireNonNull(businessTypes, "businessTypes is null");
    }

    /** The sender's alias for {@code recipient}, or {@code ""} when there is none. */
    public String senderAlias(String recipient, Message message) {
        return userRemarks.remark(recipient, message.fromUserId()).orElseGet(() ->
                businessTypes.find(message.conversationType())
                        .flatMap(type -> type.senderAlias(message.fromUserId(), message.targetId()))
                        .orElse(""));
    }
}
