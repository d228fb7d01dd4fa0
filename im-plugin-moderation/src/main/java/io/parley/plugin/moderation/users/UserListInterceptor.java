package io.parley.plugin.moderation.users;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.plugin.moderation.common.ModerationErrorCode;

/**
 * Applies the recipient's lists to private messages: a sender on the recipient's blacklist is refused with
 * {@code REJECTED_BY_BLACKLIST} (405); when whitelist mode is on, a recipient with a non-empty whitelist only
 * accepts senders on it, others are refused with {@code NOT_IN_WHITELIST} (also 405). Messages to oneself pass.
 *
 * <p>Called on the conversation's stripe; in memory, never blocks.
 */
public final class UserListInterceptor implements MessageInterceptor {
    private final UserListStore blacklist;
    private final UserListStore whitelist;
    private final boolean whitelistMode;

    public UserListInterceptor(UserListStore blacklist, UserListStore whitelist, boolean whitelistMode) {
        this.blacklist = requireNonNull(blacklist, "blacklist is null");
        this.whitelist = requireNonNull(whitelist, "whitelist is null");
        this.whitelistMode = whitelistMode;
    }

    @Override
    public String name() {
        return "moderation.user-lists";
    }

    @Override
    public int order() {
        return -200;
    }

    /** In memory: runs on the stripe, with no thread hand-off. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        String recipient = message.targetId();
        String sender = message.fromUserId();
        if (message.conversationType() != ConversationType.PRIVATE || recipient.equals(sender)) {
            return Decision.proceed();
        }
        if (blacklist.contains(recipient, sender)) {
            return Decision.reject(StandardErrorCode.REJECTED_BY_BLACKLIST, "the recipient has blacklisted the sender");
        }
        if (whitelistMode && !whitelist.isEmpty(recipient) && !whitelist.contains(recipient, sender)) {
            return Decision.reject(ModerationErrorCode.NOT_IN_WHITELIST, "the sender is not on the recipient's whitelist");
        }
        return Decision.proceed();
    }
}
