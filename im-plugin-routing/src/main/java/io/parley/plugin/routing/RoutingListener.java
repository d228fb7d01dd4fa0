package io.parley.plugin.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.MessageCommitted;
import io.parley.api.event.PresenceChanged;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.spi.RoutingConfig;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns committed messages and presence changes into {@link RoutingEvent}s in RongCloud's wire fields,
 * applies the filters, and appends them to the durable outbox. Called by the kernel on this listener's own
 * thread, one event at a time in order; it only queues the event for the outbox writer, so it is fast, and
 * blocks only while 8,192 events wait for the writer's next commit.
 */
final class RoutingListener implements ImEventListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTS_ON_A_MESSAGE = Set.of("RC:RcCmd", "Parley:UgMsgModify");

    private final RoutingConfig config;
    private final Set<RoutingEvent.Kind> kinds;
    private final MapDbOutbox outbox;

    RoutingListener(RoutingConfig config, Set<RoutingEvent.Kind> kinds, MapDbOutbox outbox) {
        this.config = config;
        this.kinds = Set.copyOf(kinds);
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "routing";
    }

    /** The messages this sink routes and, when it takes them, presence changes. */
    @Override
    public boolean accepts(ImEvent event) {
        return event instanceof MessageCommitted committed ? kinds.contains(RoutingEvent.Kind.MESSAGE)
                && routes(committed.message())
                : event instanceof PresenceChanged && kinds.contains(RoutingEvent.Kind.PRESENCE);
    }

    @Override
    public void onEvent(ImEvent event) {
        if (event instanceof MessageCommitted committed && kinds.contains(RoutingEvent.Kind.MESSAGE)
                && routes(committed.message())) {
            outbox.append(messageEvent(committed));
        } else if (event instanceof PresenceChanged presence && kinds.contains(RoutingEvent.Kind.PRESENCE)) {
            outbox.append(presenceEvent(presence));
        }
    }

    /** Whether this listener routes messages at all (the sink takes them). */
    boolean routesMessages() {
        return kinds.contains(RoutingEvent.Kind.MESSAGE);
    }

    /**
     * The filters: conversation types, object names, and whether server-API messages are routed. A plugin's notice
     * ({@link Message#notice()}) is never routed: it is no message of the conversation's.
     */
    boolean routes(Message message) {
        boolean fromServerApi = message.source().isEmpty();
        return !message.notice() && (config.includeServerApi() || !fromServerApi)
                && config.routes(message.conversationType(), message.objectName());
    }

    /**
     * The event of a message the catch-up found in storage: the shape of {@link #messageEvent}, without
     * {@code clientIp} (storage does not keep it) and with the sent time as the time it happened.
     */
    static RoutingEvent recoveredMessageEvent(Message message) {
        return messageEvent(new MessageCommitted(message, Map.of(), "", message.sentTime()));
    }

    /**
     * RongCloud §7.2, in the order of its field table: {@code originalMsgUID} (the UID a recall or modify command
     * acts on, else empty), {@code busChannel} (an ultragroup message's channel, else empty; {@code toUserId} is then
     * the ultragroup's id) and {@code groupUserIds} (the members a directed group message went to, comma-separated in
     * user-id order, else empty) are always present.
     */
    static RoutingEvent messageEvent(MessageCommitted committed) {
        Message message = committed.message();
        String toUserId = message.targetId();
        String busChannel = "";
        if (message.conversationType() == ConversationType.ULTRA_GROUP) {
            int separator = toUserId.indexOf(':');
            if (separator >= 0) {
                busChannel = toUserId.substring(separator + 1);
                toUserId = toUserId.substring(0, separator);
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fromUserId", message.fromUserId());
        fields.put("toUserId", toUserId);
        fields.put("objectName", message.objectName());
        fields.put("content", message.content());
        fields.put("channelType", message.conversationType().channelType());
        fields.put("msgTimestamp", Long.toString(message.sentTime()));
        fields.put("msgUID", message.messageUid());
        fields.put("originalMsgUID", originalMsgUid(message));
        fields.put("sensitiveType", "0");
        fields.put("source", message.source().map(platform -> platform.wireName()).orElse("Server"));
        fields.put("busChannel", busChannel);
        fields.put("groupUserIds", String.join(",", groupUserIds(committed)));
        if (!committed.clientIp().isEmpty()) {
            fields.put("clientIp", committed.clientIp());
        }
        return new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:" + message.conversation().asString(),
                committed.timestamp(), 0, fields);
    }

    /**
     * The UID a command acts on: {@code messageUId} of an {@code RC:RcCmd} (recall) or a {@code Parley:UgMsgModify}
     * (ultragroup edit) content; empty for every other message, and for a content that is not JSON.
     */
    static String originalMsgUid(Message message) {
        if (!ACTS_ON_A_MESSAGE.contains(message.objectName())) {
            return "";
        }
        try {
            JsonNode uid = JSON.readTree(message.content()).path("messageUId");
            return uid.isTextual() ? uid.textValue() : "";
        } catch (JsonProcessingException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The members a directed group message went to: a group message kept apart from its group's shared log (its
     * conversation id is not the group id) was written to the inboxes of exactly those members, and of its sender
     * when it asked for a copy. Empty for every other message, and for one recovered from storage (no inboxes).
     */
    static List<String> groupUserIds(MessageCommitted committed) {
        Message message = committed.message();
        if (message.conversationType() != ConversationType.GROUP
                || message.conversation().id().equals(message.targetId())) {
            return List.of();
        }
        List<String> users = new ArrayList<>(committed.inboxSeqs().keySet());
        users.remove(message.fromUserId());
        Collections.sort(users);
        return users;
    }

    /** RongCloud §7.4; {@code time} is kept as a decimal string and written as a number by the HTTP sink. */
    static RoutingEvent presenceEvent(PresenceChanged presence) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userid", presence.userId());
        fields.put("status", Integer.toString(presence.status().code()));
        fields.put("os", presence.platform().wireName());
        fields.put("time", Long.toString(presence.timestamp()));
        fields.put("clientIp", presence.clientIp());
        fields.put("sessionId", presence.sessionId());
        return new RoutingEvent(0, RoutingEvent.Kind.PRESENCE, "p:" + presence.userId(), presence.timestamp(), 0,
                fields);
    }
}
