package io.parley.builtin.recall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.builtin.common.ContentFields;
import io.parley.builtin.common.PublishForm;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /message/recall.json}: the app server recalls a message, as its sender or as admin ({@code isAdmin=1}).
 * It publishes the {@code RC:RcCmd} into the conversation; {@link RecallInterceptor} checks and marks it.
 */
final class RecallApi {
    private final MessagePublisher publisher;
    private final ConversationService conversations;

    RecallApi(MessagePublisher publisher, ConversationService conversations) {
        this.publisher = publisher;
        this.conversations = conversations;
    }

    List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/recall.json", this::recall));
    }

    private ApiResponse recall(ApiRequest request) {
        ConversationType type = request.conversationType();
        String from = UserId.of(request.required("fromUserId")).value();
        String contentTargetId = request.required("targetId");
        Optional<String> channel = request.optional("busChannel");
        String targetId = channel.isPresent() ? conversations.channelTarget(type, contentTargetId, channel.get())
                : contentTargetId;
        ObjectNode content = ContentFields.mapper().createObjectNode();
        content.put("messageUId", request.required("messageUID"));
        content.put("conversationType", Integer.toString(type.code()));
        content.put("targetId", contentTargetId);
        channel.ifPresent(id -> content.put("channelId", id));
        content.put("sentTime", request.longValue("sentTime", 0));
        content.put("isAdmin", request.bool("isAdmin", false) ? 1 : 0);
        content.put("isDelete", request.bool("isDelete", false) ? 1 : 0);
        content.put("extra", request.optional("extra").orElse(""));
        PublishForm.await(publisher.publish(new OutgoingMessage(type, from, targetId,
                RecallInterceptor.RECALL_COMMAND, content.toString(), Optional.empty(), Optional.empty(), true, false,
                true, "recall:" + UUID.randomUUID(), Optional.empty())));
        return ApiResponse.ok();
    }
}
