package io.parley.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A message on its way in, before the commit gives it a seq, a UID and a time. Interceptors see it and
 * may return a changed copy ({@link #withContent}).
 *
 * @param clientMsgId the sender's id for this send; a retry with the same id is answered with the first
 *     commit and writes nothing
 * @param persisted whether the receiving client should store it (RongCloud {@code isPersisted})
 * @param counted whether it counts as unread (RongCloud {@code isCounted})
 * @param includeSender whether the sender's other devices get it too
 * @param source the platform it came from, or {@code Optional.empty()} for the server API. Empty means trusted: the
 *     business type skips the sender's membership and mute checks, as the server API may send as anyone. A plugin
 *     acting for a device passes the device's platform ({@code ClientCommand.Caller#platform()}) to be checked as
 *     that device would be.
 * @param directedTo for a directed message, the only members who receive it (empty: everyone)
 * @param disablePush true when no push notification may be sent for it (RongCloud {@code disablePush})
 */
public record OutgoingMessage(
        ConversationType conversationType,
        String fromUserId,
        String targetId,
        String objectName,
        String content,
        Optional<String> pushContent,
        Optional<String> pushData,
        boolean persisted,
        boolean counted,
        boolean includeSender,
        String clientMsgId,
        Optional<Platform> source,
        List<String> directedTo,
        boolean disablePush) {

    public OutgoingMessage {
        requireNonNull(conversationType, "conversationType is null");
        requireNonNull(fromUserId, "fromUserId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(content, "content is null");
        requireNonNull(pushContent, "pushContent is null");
        requireNonNull(pushData, "pushData is null");
        requireNonNull(clientMsgId, "clientMsgId is null");
        requireNonNull(source, "source is null");
        directedTo = List.copyOf(directedTo);
    }

    /** A message that allows push notifications. */
    public OutgoingMessage(ConversationType conversationType, String fromUserId, String targetId, String objectName,
            String content, Optional<String> pushContent, Optional<String> pushData, boolean persisted,
            boolean counted, boolean includeSender, String clientMsgId, Optional<Platform> source,
            List<String> directedTo) {
        this(conversationType, fromUserId, targetId, objectName, content, pushContent, pushData, persisted, counted,
                includeSender, clientMsgId, source, directedTo, false);
    }

    /** A message to every member of its conversation. */
    public OutgoingMessage(ConversationType conversationType, String fromUserId, String targetId, String objectName,
            String content, Optional<String> pushContent, Optional<String> pushData, boolean persisted,
            boolean counted, boolean includeSender, String clientMsgId, Optional<Platform> source) {
        this(conversationType, fromUserId, targetId, objectName, content, pushContent, pushData, persisted, counted,
                includeSender, clientMsgId, source, List.of());
    }

    /** True when the message came from the server API rather than a device. */
    public boolean fromServerApi() {
        return source.isEmpty();
    }

    public OutgoingMessage withContent(String newContent) {
        return new OutgoingMessage(conversationType, fromUserId, targetId, objectName, newContent, pushContent,
                pushData, persisted, counted, includeSender, clientMsgId, source, directedTo, disablePush);
    }

    /** The same message with other content and push text; everything else, directed recipients included, kept. */
    public OutgoingMessage withContent(String newContent, Optional<String> newPushContent) {
        return new OutgoingMessage(conversationType, fromUserId, targetId, objectName, newContent, newPushContent,
                pushData, persisted, counted, includeSender, clientMsgId, source, directedTo, disablePush);
    }

    /** The same message with push notifications allowed or not. */
    public OutgoingMessage withDisablePush(boolean value) {
        return new OutgoingMessage(conversationType, fromUserId, targetId, objectName, content, pushContent,
                pushData, persisted, counted, includeSender, clientMsgId, source, directedTo, value);
    }
}
