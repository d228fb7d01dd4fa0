package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.PluginContext;
import io.parley.api.storage.MessageStore;
import io.parley.plugin.ultragroup.Channels.ChannelInfo;
import io.parley.plugin.ultragroup.GroupMembers.GroupInfo;
import io.parley.plugin.ultragroup.GroupMembers.Membership;
import io.parley.plugin.ultragroup.MessageEdits.Edit;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The ultragroup operations shared by the server API, the client commands and the business type: groups,
 * membership with its limits, channels, access to a channel, and how a stored message is shown to a reader
 * (edits, recalls, history from before joining). Thread-safe; blocks on storage.
 */
final class Ultragroups {
    /** Written into a channel when a message is edited, so that devices that were offline learn of it. */
    static final String MODIFY_NOTE = "Parley:UgMsgModify";
    static final String RECALL_COMMAND = "RC:RcCmd";
    static final String RECALL_NOTE = "RC:RcNtf";

    /** What a user may do in a channel, as checked. */
    record Access(Target target, GroupInfo group, Membership membership, ChannelInfo channel) {
        ConversationKey key() {
            return keyOf(target);
        }
    }

    private final Directory directory;
    private final UltragroupConfig config;
    private final PluginContext context;
    private final OnlineMembers online;
    private final Peers peers;
    private final Clock clock;
    private final Expansions expansions;

    Ultragroups(Directory directory, UltragroupConfig config, PluginContext context, OnlineMembers online,
            Peers peers) {
        this.directory = directory;
        this.peers = peers;
        this.config = config;
        this.context = context;
        this.online = online;
        this.clock = context.clock();
        this.expansions = new Expansions(context.storage().metadata());
    }

    /** The expansion values of the ultragroups' messages, as the server API shows them. */
    Expansions expansions() {
        return expansions;
    }

    Directory directory() {
        return directory;
    }

    UltragroupConfig config() {
        return config;
    }

    OnlineMembers online() {
        return online;
    }

    MessageStore messages() {
        return context.storage().messages();
    }

    static ConversationKey keyOf(Target target) {
        return new ConversationKey(ConversationType.ULTRA_GROUP, target.asTargetId());
    }

    // groups and membership

    void create(String groupId, String owner, String name) {
        Target.checkGroupId(groupId);
        if (directory.groups().group(groupId).isPresent()) {
            throw new ImException(UltragroupErrorCode.ALREADY_EXISTS, "ultragroup " + groupId + " exists");
        }
        checkGroupLimit(owner);
        directory.groups().putGroup(groupId, new GroupInfo(name, owner, clock.millis(), -1));
        join(groupId, owner);
    }

    void dismiss(String groupId) {
        directory.groups().requireGroup(groupId);
        directory.deleteGroup(groupId);
        online.dismissed(groupId);
        peers.dismissed(groupId);
    }

    /** Joins a member: O(1) writes (plus one head read per channel, at most {@code max-channels-per-group}). */
    boolean join(String groupId, String userId) {
        directory.groups().requireGroup(groupId);
        if (directory.groups().isMember(groupId, userId)) {
            return false;
        }
        checkGroupLimit(userId);
        Map<String, Long> floors = new LinkedHashMap<>();
        MessageStore store = messages();
        floors.put("", store.conversationHead(keyOf(new Target(groupId, ""))));
        for (String channel : directory.channels().channels(groupId).keySet()) {
            floors.put(channel, store.conversationHead(keyOf(new Target(groupId, channel))));
        }
        directory.groups().addMember(groupId, userId, new Membership(clock.millis(), floors));
        online.joined(groupId, userId);
        peers.joined(groupId, userId);
        return true;
    }

    private void checkGroupLimit(String userId) {
        if (directory.groups().groupsOf(userId).size() >= config.maxGroupsPerUser()) {
            throw new ImException(UltragroupErrorCode.TOO_MANY_GROUPS, userId + " is in "
                    + config.maxGroupsPerUser() + " ultragroups already (ultragroup.max-groups-per-user)");
        }
    }

    boolean quit(String groupId, String userId) {
        directory.groups().requireGroup(groupId);
        if (!directory.groups().isMember(groupId, userId)) {
            return false;
        }
        directory.removeMember(groupId, userId);
        online.left(groupId, userId);
        peers.left(groupId, userId);
        return true;
    }

    void createChannel(String groupId, String channelId, int type) {
        Target target = Target.of(groupId, channelId);
        if (target.isDefault()) {
            throw ImException.invalidParameter("busChannel is required");
        }
        directory.groups().requireGroup(groupId);
        if (directory.channels().channel(groupId, channelId).isPresent()) {
            throw new ImException(UltragroupErrorCode.ALREADY_EXISTS, "channel " + channelId + " exists in " + groupId);
        }
        // the default channel counts as one
        if (directory.channels().channels(groupId).size() + 1 >= config.maxChannelsPerGroup()) {
            throw new ImException(UltragroupErrorCode.TOO_MANY_CHANNELS, groupId + " has "
                    + config.maxChannelsPerGroup() + " channels already (ultragroup.max-channels-per-group)");
        }
        // a channel deleted and created again continues its log: what the old one holds stays hidden
        long floor = messages().conversationHead(keyOf(target));
        directory.channels().putChannel(groupId, channelId, new ChannelInfo(checkType(type), clock.millis(), floor));
    }

    static int checkType(int type) {
        if (type != 0 && type != 1) {
            throw ImException.invalidParameter("type must be 0 (public) or 1 (private)");
        }
        return type;
    }

    ChannelInfo requireChannel(String groupId, String channelId) {
        return directory.channels().channel(groupId, channelId).orElseThrow(() -> new ImException(
                UltragroupErrorCode.CHANNEL_NOT_EXIST, "ultragroup " + groupId + " has no channel " + channelId));
    }

    // access

    /** Checks that the user may read and send in a channel: the group and channel exist, it is a member, it has access. */
    Access access(String userId, Target target) {
        GroupInfo group = directory.groups().requireGroup(target.groupId());
        Membership membership = directory.groups().membership(target.groupId(), userId).orElseThrow(() -> new ImException(
                UltragroupErrorCode.NOT_MEMBER, userId + " is not a member of ultragroup " + target.groupId()));
        ChannelInfo channel = requireChannel(target.groupId(), target.channelId());
        if (!directory.channels().mayAccess(target.groupId(), target.channelId(), userId, channel)) {
            throw new ImException(UltragroupErrorCode.NO_CHANNEL_ACCESS,
                    "channel " + target.channelId() + " of " + target.groupId() + " is private to its users");
        }
        return new Access(target, group, membership, channel);
    }

    /**
     * The first seq a member may read in a channel is above this: the channel's own floor (what a deleted channel
     * of the same id left in the log), and the channel's head when the member joined unless history before
     * joining is visible.
     */
    long floor(Access access) {
        long channelFloor = access.channel().floorSeq();
        if (config.historyBeforeJoin()) {
            return channelFloor;
        }
        return Math.max(channelFloor, access.membership().floors().getOrDefault(access.target().channelId(), 0L));
    }

    /**
     * A stored message as a reader sees it now: hidden when sent before it joined (unless history before
     * joining is on), its latest edit, or its recall note.
     */
    Optional<Message> present(Access access, Message message) {
        if (message.seq() <= floor(access)) {
            return Optional.empty();
        }
        return Optional.of(current(message));
    }

    /**
     * A stored message as the app server sees it through the server API: hidden when it belongs to a deleted
     * channel that had the same id (at or below the channel's floor), else with its latest edit or recall.
     */
    Optional<Message> presentToServer(ChannelInfo channel, Message message) {
        return message.seq() <= channel.floorSeq() ? Optional.empty() : Optional.of(current(message));
    }

    /** The message with its latest edit or recall applied. */
    Message current(Message message) {
        Optional<Edit> edit = directory.edits().edit(message.messageUid());
        if (edit.isEmpty()) {
            return message;
        }
        Edit e = edit.get();
        if (e.recalled()) {
            ObjectNode note = MetadataRecords.JSON.createObjectNode();
            note.put("operatorId", e.operator());
            note.put("recallTime", e.editTime());
            note.put("originalObjectName", message.objectName());
            note.put("isAdmin", false);
            note.put("delete", e.deleted());
            return new Message(message.conversation(), message.fromUserId(), message.targetId(), RECALL_NOTE,
                    note.toString(), Optional.empty(), Optional.empty(), true, false, message.clientMsgId(),
                    message.source(), message.seq(), message.messageUid(), message.sentTime());
        }
        return new Message(message.conversation(), message.fromUserId(), message.targetId(), message.objectName(),
                e.content(), message.pushContent(), message.pushData(), message.persisted(), message.counted(),
                message.clientMsgId(), message.source(), message.seq(), message.messageUid(), message.sentTime());
    }

    int version(String messageUid) {
        return directory.edits().edit(messageUid).filter(e -> !e.recalled()).map(Edit::version).orElse(0);
    }

    /**
     * The stored message {@code messageUid} of a channel, as the log holds it: the group and the channel must
     * exist, and the message must be in this channel (not in a deleted channel that had the same id).
     */
    Message messageIn(Target target, String messageUid) {
        directory.groups().requireGroup(target.groupId());
        long channelFloor = requireChannel(target.groupId(), target.channelId()).floorSeq();
        return messages().findByUid(messageUid)
                .filter(m -> m.conversation().equals(keyOf(target)) && m.seq() > channelFloor)
                .orElseThrow(() -> new ImException(UltragroupErrorCode.MESSAGE_NOT_FOUND,
                        "no message " + messageUid + " in " + target.asTargetId()));
    }

    // editing

    /**
     * Edits a message: same UID and seq, a new version. Only its sender may, unless {@code asServer}. The edit is
     * kept beside the log (every later read shows it) and a {@value #MODIFY_NOTE} is written into the channel,
     * so that online devices hear of it at once and offline ones on their next pull.
     */
    Edit modify(String editor, Target target, String messageUid, String content, boolean asServer) {
        if (!asServer) {
            access(editor, target);
        }
        Message message = messageIn(target, messageUid);
        if (!message.fromUserId().equals(editor)) {
            throw new ImException(UltragroupErrorCode.NOT_SENDER, "only the sender may edit message " + messageUid);
        }
        Edit edit;
        synchronized (this) {
            Optional<Edit> previous = directory.edits().edit(messageUid);
            if (previous.isPresent() && previous.get().recalled()) {
                throw new ImException(UltragroupErrorCode.MESSAGE_NOT_FOUND, "message " + messageUid + " was recalled");
            }
            edit = new Edit(content, message.objectName(), previous.map(Edit::version).orElse(0) + 1, clock.millis(),
                    false, false, editor);
            directory.edits().putEdit(messageUid, edit);
        }
        ObjectNode note = MetadataRecords.JSON.createObjectNode();
        note.put("messageUId", messageUid);
        note.put("seq", message.seq());
        note.put("version", edit.version());
        note.put("content", content);
        try {
            context.publisher().publish(new OutgoingMessage(ConversationType.ULTRA_GROUP, editor, target.asTargetId(),
                    MODIFY_NOTE, note.toString(), Optional.empty(), Optional.empty(), true, false, true,
                    "modify:" + UUID.randomUUID(), Optional.empty())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof ImException ie ? ie : new CompletionException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new CompletionException(e);
        }
        return edit;
    }

    /** Marks a committed recall: reads show the recalled message's note from then on. */
    void recalled(Message command) {
        try {
            var content = MetadataRecords.JSON.readTree(command.content());
            String uid = content.path("messageUId").asText("");
            if (uid.isEmpty()) {
                return;
            }
            boolean delete = content.path("isDelete").asInt(0) == 1 || content.path("isDelete").asBoolean(false);
            directory.edits().putEdit(uid, new Edit("", "", 0, command.sentTime(), true, delete, command.fromUserId()));
        } catch (java.io.IOException e) {
            // a malformed recall was refused by the kernel before commit; nothing to mark
        }
    }

    /** Channels of a group this user may see: the default one first, then the others it has access to. */
    List<Target> visibleChannels(String userId, String groupId) {
        List<Target> result = new java.util.ArrayList<>();
        result.add(new Target(groupId, ""));
        directory.channels().channels(groupId).forEach((channel, info) -> {
            if (directory.channels().mayAccess(groupId, channel, userId, info)) {
                result.add(new Target(groupId, channel));
            }
        });
        return result;
    }
}
