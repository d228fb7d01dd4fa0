package io.parley.builtin.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.MessagePublisher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a group notification ({@code RC:GrpNtf}) into a group when its membership or name changes, so
 * that members' devices see "Alice added Bob". Blocks until the notification is committed, so that a caller
 * can change membership after it (a quitter still gets its own "Quit").
 */
final class GroupNotifier {
    static final String OBJECT_NAME = "RC:GrpNtf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessagePublisher publisher;
    private final boolean enabled;

    /** @param enabled {@code group.notifications}: false writes none */
    GroupNotifier(MessagePublisher publisher, boolean enabled) {
        this.publisher = publisher;
        this.enabled = enabled;
    }

    /**
     * @param operation RongCloud's operation name: {@code Create}, {@code Add}, {@code Quit}, {@code Dismiss},
     *     {@code Rename}
     */
    void notify(String groupId, String operatorUserId, String operation, List<String> targetUserIds,
            String groupName) {
        if (!enabled) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operatorNickname", operatorUserId);
        data.put("targetUserIds", targetUserIds);
        data.put("targetGroupName", groupName);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("operatorUserId", operatorUserId);
        content.put("operation", operation);
        content.put("data", data);
        content.put("message", "");
        content.put("extra", "");
        publisher.publish(new OutgoingMessage(ConversationType.GROUP, operatorUserId, groupId, OBJECT_NAME,
                write(content), Optional.empty(), Optional.empty(), true, false, true,
                "grpntf:" + UUID.randomUUID(), Optional.empty())).toCompletableFuture().join();
    }

    private static String write(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
