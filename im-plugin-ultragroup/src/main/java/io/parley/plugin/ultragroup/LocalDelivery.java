package io.parley.plugin.ultragroup;

import io.parley.api.model.Message;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.ultragroup.Channels.ChannelInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells the members of a group connected to this node about a channel's message: the devices that subscribed to
 * the channel get the message itself ({@link OnlineDirectory#deliver}, encoded once per wire format), every other
 * device of the members who may read it a light {@value #EVENT_MESSAGE} event. A status message (typing, never
 * stored) reaches the subscribed devices only. Only this node's devices: with several nodes each node runs this
 * for its own members ({@link Peers}), so the fan-outs use the variants that choose devices by session id, which
 * act on this node alone. Its cost is O(members online on this node).
 */
final class LocalDelivery {
    static final String EVENT_MESSAGE = "ultragroup.message";
    private static final Predicate<String> EVERY_DEVICE = session -> true;

    private final Directory directory;
    private final OnlineMembers members;
    private final OnlineDirectory online;
    private final PluginMetrics.Counter notices;
    private final PluginMetrics.Counter delivered;

    LocalDelivery(Directory directory, OnlineMembers members, OnlineDirectory online, PluginMetrics metrics) {
        this.directory = directory;
        this.members = members;
        this.online = online;
        metrics.describe("im.ultragroup.notices", "ultragroup.message events sent to devices that do not have the"
                        + " channel open")
                .describe("im.ultragroup.delivered", "Ultragroup messages written to devices that have the channel open");
        this.notices = metrics.counter("im.ultragroup.notices");
        this.delivered = metrics.counter("im.ultragroup.delivered");
    }

    /** Delivers {@code message} of channel {@code target} to this node's members who may read it. */
    void deliver(Message message, Target target, Mentions mentions) {
        Optional<ChannelInfo> channel = directory.channels().channel(target.groupId(), target.channelId());
        if (channel.isEmpty()) {
            return;
        }
        boolean stored = message.seq() > 0;
        String targetId = target.asTargetId();
        // users with a device looking at the channel, and those devices; every other device gets a notice
        List<String> lookers = new ArrayList<>();
        Set<String> looking = new HashSet<>();
        List<String> noticed = new ArrayList<>();
        for (String user : members.of(target.groupId())) {
            if (channel.get().type() == 1
                    && !directory.channels().mayAccess(target.groupId(), target.channelId(), user, channel.get())) {
                continue;
            }
            if (members.addSubscribedDevices(user, targetId, looking)) {
                lookers.add(user);
            } else if (stored) {
                noticed.add(user);
            }
            // a status message (typing) reaches only the devices looking at the channel
        }
        if (!lookers.isEmpty()) {
            delivered.increment(online.deliver(lookers, message, true, looking::contains).delivered());
            if (stored) {
                notices.increment(notify(message, target, mentions, lookers, session -> !looking.contains(session)));
            }
        }
        if (!noticed.isEmpty()) {
            notices.increment(notify(message, target, mentions, noticed, EVERY_DEVICE));
        }
    }

    /**
     * One notice, encoded once, to the members it does not mention; the few it mentions get their own copy
     * flagged {@code mentioned}; only to the devices {@code devices} accepts. Returns the devices written to.
     */
    private int notify(Message message, Target target, Mentions mentions, List<String> users,
            Predicate<String> devices) {
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
            written += send(mentioned, mentionedNotice, false, devices);
        }
        return written + send(plain, notice, true, devices);
    }

    private int send(List<String> users, Map<String, Object> notice, boolean droppable, Predicate<String> devices) {
        if (users.isEmpty()) {
            return 0;
        }
        return online.sendEvent(users, EVENT_MESSAGE, notice, droppable, devices).delivered();
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
        if (message.notice()) {
            body.put("notice", true); // a plugin's notice, as WireMessage.notice: no new message to count
        }
        return body;
    }
}
