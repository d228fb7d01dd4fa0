package io.parley.builtin.group;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.MemberPage;
import io.parley.api.plugin.Recipients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The {@code group} business type (the built-in group plugin's), kept by read diffusion: a group message is stored
 * once, in the group's log (key {@code 3/<groupId>}), with the group's seq, and every member reads it from there by
 * conversation cursor: no member gets an inbox entry, whatever the size of the group. Members are its readers: the
 * online ones get it delivered (one shared frame), the offline ones are offered a push. A member sees the group's
 * messages from their join time on (unless {@code group.history-before-join}); a message directed at some members
 * only is not put in the shared log: it is keyed apart ({@code 3/<groupId>#directed}) and written to those members'
 * inboxes. A device may send only to a group it belongs to, and only while not gagged or muted; the server API may
 * send as anyone. A member's push alias in the group ({@link GroupRemarks}) is the name its messages' pushes show.
 */
final class GroupBusinessType implements BusinessType {
    /** What a directed message's key adds to the group id; group ids never hold {@code #}. */
    static final String DIRECTED_SUFFIX = "#directed";

    /** The key of the group's messages directed at some members only, kept apart from its shared log. */
    static ConversationKey directedKey(String groupId) {
        return new ConversationKey(ConversationType.GROUP, groupId + DIRECTED_SUFFIX);
    }

    private final GroupDirectory groups;
    private final GroupMutes mutes;
    private final GroupRemarks remarks;
    private final boolean historyBeforeJoin;

    GroupBusinessType(GroupDirectory groups, GroupMutes mutes, GroupRemarks remarks, boolean historyBeforeJoin) {
        this.groups = groups;
        this.mutes = mutes;
        this.remarks = remarks;
        this.historyBeforeJoin = historyBeforeJoin;
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
    public ConversationKey conversationKey(OutgoingMessage message) {
        return message.directedTo().isEmpty() ? conversationKey(message.fromUserId(), message.targetId())
                : directedKey(message.targetId());
    }

    /** A group's messages are its shared log's and those directed at some of its members. */
    @Override
    public boolean belongsTo(ConversationKey stored, ConversationKey conversation) {
        return stored.equals(conversation) || stored.equals(directedKey(conversation.id()));
    }

    /** The sender's push alias in the group ({@code /group/remarks/set.json}). */
    @Override
    public Optional<String> senderAlias(String senderId, String targetId) {
        return remarks.remark(senderId, targetId);
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
            return Recipients.readers(recipients);
        }
        for (String target : message.directedTo()) {
            if (members.contains(target) && !recipients.contains(target) && !target.equals(sender)) {
                recipients.add(target);
            }
        }
        if (message.includeSender() && members.contains(sender)) {
            recipients.add(sender);
        }
        return new Recipients(recipients);
    }

    /** A member reads the group's shared log; anyone else is refused with {@code NOT_IN_GROUP}. */
    @Override
    public Optional<ConversationKey> readableKey(String userId, String targetId) {
        if (!groups.isMember(targetId, userId)) {
            throw new ImException(StandardErrorCode.NOT_IN_GROUP, userId + " is not a member of group " + targetId);
        }
        return Optional.of(conversationKey(userId, targetId));
    }

    /** A member sees what was sent from their join time on, unless the group shows history from before joining. */
    @Override
    public Optional<Message> presentTo(String userId, Message message) {
        if (historyBeforeJoin) {
            return Optional.of(message);
        }
        long joined = groups.joinedAt(message.targetId(), userId).orElse(Long.MAX_VALUE);
        return message.sentTime() < joined ? Optional.empty() : Optional.of(message);
    }

    /** The groups the user belongs to, in id order: the conversations a device follows by cursor. */
    @Override
    public List<String> followedBy(String userId) {
        return groups.groupIdsOf(userId);
    }

    @Override
    public boolean mayRead(String userId, ConversationKey key) {
        return groups.isMember(key.id(), userId);
    }

    @Override
    public MemberPage members(ConversationKey key, String after, int limit) {
        if (groups.find(key.id()).isEmpty()) {
            throw new ImException(StandardErrorCode.NOT_IN_GROUP, "group " + key.id() + " does not exist");
        }
        List<String> sorted = new ArrayList<>(groups.memberIds(key.id()));
        Collections.sort(sorted);
        return MemberPage.of(sorted, after, limit);
    }

    /** Members read a group's notices from its log, as they read its messages. */
    @Override
    public Recipients noticeRecipients(ConversationKey key, List<String> members) {
        return Recipients.readers(members);
    }
}
