package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.MessageCommitted;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.ultragroup.Directory.ChannelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a message is committed to its channel's log: tells the online members of the group who may read the
 * channel, records mentions, marks recalls, and hands the offline part to {@link PushPolicy}. Runs on its
 * own listener thread, in commit order, off the conversation's stripe. Its cost is O(online members of the
 * group): members who subscribed to the channel get the message itself ({@link OnlineDirectory#deliver},
 * encoded once per wire format), the others a light {@value #EVENT_MESSAGE} event. A status message (typing,
 * never stored) reaches the subscribers only.
 */
final class FanOut implements ImEventListener {
    static final String EVENT_MESSAGE = "ultragroup.message";

    private final Ultragroups ultragroups;
    private final OnlineDirectory online;
    private final PushPolicy push;
    private final PluginMetrics.Counter notices;
    private final PluginMetrics.Counter delivered;

    FanOut(Ultragroups ultragroups, OnlineDirectory online, PushPolicy push, PluginMetrics metrics) {
        this.ultragroups = ultragroups;
        this.online = online;
        this.push = push;
        this.notices = metrics.counter("im.ultragroup.notices");
        this.delivered = metrics.counter("im.ultragroup.delivered");
    }

    @Override
    public String name() {
        return "ultragroup.fan-out";
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
        Optional<ChannelInfo> channel = directory.channel(target.groupId(), target.channelId());
        if (channel.isEmpty()) {
            return;
        }
        boolean stored = message.seq() > 0;
        Mentions mentions = stored && message.counted() ? Mentions.of(message.content()) : Mentions.NONE;
        if (stored) {
            if (message.objectName().equals(Ultragroups.RECALL_COMMAND)) {
                ultragroups.recalled(message);
            }
            if (mentions.all()) {
                directory.addMentionAll(target, message.seq(), message.messageUid());
            }
            for (String user : mentions.users()) {
                if (!user.equals(message.fromUserId()) && directory.isMember(target.groupId(), user)) {
                    directory.addMention(user, target, message.seq(), message.messageUid());
                }
            }
            if (message.counted() && !message.source().isEmpty()) {
                // what a user sends, it has read
                directory.markRead(message.fromUserId(), target, message.seq());
            }
        }
        String targetId = target.asTargetId();
        List<String> subscribers = new ArrayList<>();
        List<String> noticed = new ArrayList<>();
        for (String user : ultragroups.online().of(target.groupId())) {
            if (channel.get().type() == 1
                    && !directory.mayAccess(target.groupId(), target.channelId(), user, channel.get())) {
                continue;
            }
            if (ultragroups.online().isSubscribed(user, targetId)) {
                subscribers.add(user);
            } else if (stored) {
                noticed.add(user);
            }
            // a status message (typing) reaches only the members looking at the channel
        }
        if (!subscribers.isEmpty()) {
            delivered.increment(online.deliver(subscribers, message, true).delivered());
        }
        if (!noticed.isEmpty()) {
            notices.increment(notify(message, target, mentions, noticed));
        }
        if (stored && message.counted()) {
            push.offer(message, target, mentions);
        }
    }

    /**
     * One notice, encoded once, to the members it does not mention; the few it mentions get their own copy
     * flagged {@code mentioned}. Returns the devices written to.
     */
    private int notify(Message message, Target target, Mentions mentions, List<String> users) {
        Map<String, Object> notice = notice(message, target);
        List<String> plain = users;
        int written = 0;
        if (mentions.any()) {
            plain = new ArrayList<>(users.size());
            Map<String, Object> mentionedNotice = new LinkedHashMap<>(notice);
            mentionedNotice.put("mentioned", true);
            List<String> mentioned = new ArrayList<>();
            for (String user : users) {
                (mentions.mentions(user) ? mentioned : plain).add(user);
            }
            written += online.sendEvent(mentioned, EVENT_MESSAGE, mentionedNotice, false).delivered();
        }
        return written + online.sendEvent(plain, EVENT_MESSAGE, notice, true).delivered();
    }

    static Map<String, Object> notice(Message message, Target target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetId", target.asTargetId());
        body.put("groupId", target.groupId());
        body.put("channelId", target.channelId());
        body.put("seq", message.seq());
        body.put("messageUid", message.messageUid());
        body.put("fromUserId", message.fromUserId());
        body.put("objectName", message.objectName());
        body.put("sentTime", message.sentTime());
        body.put("counted", message.counted());
        body.put("mentioned", false);
        return body;
    }
}
