package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.MessageCommitted;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;

/**
 * After a message is committed to its channel's log on this node: records mentions, marks recalls, keeps
 * expansion values ({@link Expansions}), tells the members online on this node ({@link LocalDelivery}) and,
 * through {@link Peers}, those online on the other nodes of a cluster, and hands the offline part to
 * {@link PushPolicy}. Runs on its own listener thread, in commit order, off the conversation's stripe.
 */
final class FanOut implements ImEventListener {
    private final Ultragroups ultragroups;
    private final LocalDelivery delivery;
    private final Peers peers;
    private final PushPolicy push;

    FanOut(Ultragroups ultragroups, LocalDelivery delivery, Peers peers, PushPolicy push) {
        this.ultragroups = ultragroups;
        this.delivery = delivery;
        this.peers = peers;
        this.push = push;
    }

    @Override
    public String name() {
        return "ultragroup.fan-out";
    }

    @Override
    public boolean accepts(ImEvent event) {
        return event instanceof MessageCommitted committed
                && committed.message().conversationType() == ConversationType.ULTRA_GROUP;
    }

    @Override
    public void onEvent(ImEvent event) {
        if (event instanceof MessageCommitted committed
                && committed.message().conversationType() == ConversationType.ULTRA_GROUP) {
            fanOut(committed.message());
        }
    }

    void fanOut(Message message) {
        Target target = Target.parse(message.conversation().id());
        Directory directory = ultragroups.directory();
        if (directory.channels().channel(target.groupId(), target.channelId()).isEmpty()) {
            return;
        }
        boolean stored = message.seq() > 0;
        Mentions mentions = Mentions.of(message);
        if (stored) {
            if (message.objectName().equals(Ultragroups.RECALL_COMMAND)) {
                ultragroups.recalled(message);
            } else if (message.objectName().equals(Expansions.CHANGE_NOTE)) {
                ultragroups.expansions().changed(message);
            }
            if (mentions.all()) {
                directory.reads().addMentionAll(target, message.seq(), message.messageUid());
            }
            for (String user : mentions.users()) {
                if (!user.equals(message.fromUserId()) && directory.groups().isMember(target.groupId(), user)) {
                    directory.reads().addMention(user, target, message.seq(), message.messageUid());
                }
            }
            if (message.counted() && !message.source().isEmpty()) {
                // what a user sends, it has read
                directory.reads().markRead(message.fromUserId(), target, message.seq());
            }
        }
        delivery.deliver(message, target, mentions);
        peers.committed(message);
        if (stored && message.counted() && !message.disablePush()) {
            push.offer(message, target, mentions);
        }
    }
}
