package io.parley.plugin.ultragroup;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import java.util.List;
import java.util.Optional;

/**
 * Conversation type 10, by read diffusion: the kernel appends each message to its channel's log (one
 * conversation key per channel, {@code <groupId>} or {@code <groupId>:<channelId>}) and writes no inbox, since
 * the recipients are none; the plugin's {@link FanOut} then tells online members. A send checks the sender's
 * membership, channel access and mutes: a few key reads, whatever the group's size.
 */
final class UltragroupBusinessType implements BusinessType {
    private static final Recipients NO_INBOXES = new Recipients(List.of());

    private final Ultragroups ultragroups;

    UltragroupBusinessType(Ultragroups ultragroups) {
        this.ultragroups = ultragroups;
    }

    @Override
    public ConversationType conversationType() {
        return ConversationType.ULTRA_GROUP;
    }

    @Override
    public ConversationKey conversationKey(String fromUserId, String targetId) {
        return Ultragroups.keyOf(Target.parse(targetId));
    }

    @Override
    public Recipients resolveRecipients(OutgoingMessage message) {
        Target target = Target.parse(message.targetId());
        if (message.fromServerApi()) {
            ultragroups.directory().groups().requireGroup(target.groupId());
            ultragroups.requireChannel(target.groupId(), target.channelId());
            return NO_INBOXES;
        }
        ultragroups.access(message.fromUserId(), target);
        if (ultragroups.directory().mutes().isMuted(target.groupId(), target.channelId(), message.fromUserId())) {
            throw new ImException(UltragroupErrorCode.MUTED,
                    message.fromUserId() + " is muted in " + target.asTargetId());
        }
        return NO_INBOXES;
    }

    @Override
    public Optional<ConversationKey> readableKey(String userId, String targetId) {
        return Optional.of(ultragroups.access(userId, Target.parse(targetId)).key());
    }

    @Override
    public Optional<Message> presentTo(String userId, Message message) {
        return ultragroups.present(ultragroups.access(userId, Target.parse(message.conversation().id())), message);
    }

    @Override
    public String channelTarget(String targetId, String channelId) {
        return Target.of(targetId, channelId).asTargetId();
    }

    /**
     * The members who may read the channel the key names (all of the group's for a public channel), in user-id order.
     * O(members): for a plugin's occasional reads, never the send path.
     */
    @Override
    public io.parley.api.plugin.MemberPage members(ConversationKey key, String after, int limit) {
        Target target = Target.parse(key.id());
        ultragroups.directory().groups().requireGroup(target.groupId());
        Channels.ChannelInfo channel = ultragroups.requireChannel(target.groupId(), target.channelId());
        List<String> members = new java.util.ArrayList<>();
        for (String member : ultragroups.directory().groups().members(target.groupId())) {
            if (ultragroups.directory().channels().mayAccess(target.groupId(), target.channelId(), member, channel)) {
                members.add(member);
            }
        }
        java.util.Collections.sort(members);
        return io.parley.api.plugin.MemberPage.of(members, after, limit);
    }

    /** No inbox copies: the fan-out listener tells the channel's online members, and the rest read the log. */
    @Override
    public Recipients noticeRecipients(ConversationKey key, List<String> members) {
        return NO_INBOXES;
    }
}
