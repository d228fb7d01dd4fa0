package io.parley.kernel.group;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups, built into the kernel on the business-type SPI. A device may send only to a group it belongs to,
 * and only while not gagged or muted; the server API may send as anyone. A message reaches every member's
 * inbox (write diffusion), or only the listed members for a directed message; the sender's own inbox gets it
 * when {@code includeSender} (always, for device sends).
 */
public final class GroupBusinessType implements BusinessType {
    private final GroupDirectory groups;
    private final GroupMutes mutes;

    public GroupBusinessType(GroupDirectory groups, GroupMutes mutes) {
        this.groups = groups;
        this.mutes = mutes;
    }

    @Override
    public ConversationType conversationType() {
        return ConversationType.GROUP;
    }

    @Override
    public ConversationKey conversationKey(String fromUserId, String targetId) {
        return new ConversationKey(ConversationType.GROUP, targetId);
    }

    @Override
    public Recipients resolveRecipients(OutgoingMessage message) {
        String groupId = message.targetId();
        String sender = message.fromUserId();
        if (!message.fromServerApi()) {
            if (!groups.isMember(groupId, sender)) {
                throw new ImException(StandardErrorCode.NOT_IN_GROUP, sender + " is not a member of group " + groupId);
            }
            mutes.silenceReason(groupId, sender).ifPresent(reason -> {
                throw new ImException(StandardErrorCode.FORBIDDEN_IN_GROUP, reason);
            });
        } else if (groups.find(groupId).isEmpty()) {
            throw new ImException(StandardErrorCode.NOT_IN_GROUP, "group " + groupId + " does not exist");
        }
        List<String> members = groups.memberIds(groupId);
        List<String> recipients = new ArrayList<>();
        if (message.directedTo().isEmpty()) {
            for (String member : members) {
                if (message.includeSender() || !member.equals(sender)) {
                    recipients.add(member);
                }
            }
        } else {
            for (String target : message.directedTo()) {
                if (members.contains(target) && !recipients.contains(target) && !target.equals(sender)) {
                    recipients.add(target);
                }
            }
            if (message.includeSender() && members.contains(sender)) {
                recipients.add(sender);
            }
        }
        return new Recipients(recipients);
    }
}
