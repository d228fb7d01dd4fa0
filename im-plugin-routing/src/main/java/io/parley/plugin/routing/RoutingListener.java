package io.parley.plugin.routing;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.MessageCommitted;
import io.parley.api.event.PresenceChanged;
import io.parley.api.model.Message;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns committed messages and presence changes into {@link RoutingEvent}s in RongCloud's wire fields,
 * applies the filters, and appends them to the durable outbox. Called by the kernel on this listener's own
 * thread, one event at a time in order; it only queues the event for the outbox writer, so it is fast, and
 * blocks only while 8,192 events wait for the writer's next commit.
 */
final class RoutingListener implements ImEventListener {
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

    /** The filters: conversation types, object names, and whether server-API messages are routed. */
    boolean routes(Message message) {
        boolean fromServerApi = message.source().isEmpty();
        return (config.includeServerApi() || !fromServerApi)
                && config.routes(message.conversationType(), message.objectName());
    }

    /**
     * The event of a message the catch-up found in storage: the shape of {@link #messageEvent}, without
     * {@code clientIp} (storage does not keep it) and with the sent time as the time it happened.
     */
    static RoutingEvent recoveredMessageEvent(Message message) {
        return messageEvent(new MessageCommitted(message, Map.of(), "", message.sentTime()));
    }

    /** RongCloud §7.2, in the order of its example body. */
    static RoutingEvent messageEvent(MessageCommitted committed) {
        Message message = committed.message();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fromUserId", message.fromUserId());
        fields.put("toUserId", message.targetId());
        fields.put("objectName", message.objectName());
        fields.put("content", message.content());
        fields.put("channelType", message.conversationType().channelType());
        fields.put("msgTimestamp", Long.toString(message.sentTime()));
        fields.put("msgUID", message.messageUid());
        fields.put("sensitiveType", "0");
        fields.put("source", message.source().map(platform -> platform.wireName()).orElse("Server"));
        if (!committed.clientIp().isEmpty()) {
            fields.put("clientIp", committed.clientIp());
        }
        return new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:" + message.conversation().asString(),
                committed.timestamp(), 0, fields);
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
