package io.parley.kernel.recall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.api.Parameters;
import io.parley.kernel.api.PublishForm;
import io.parley.kernel.api.Route;
import io.parley.kernel.conversation.ContentFields;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.MessagePipeline;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /message/recall.json}: the app server recalls a message, as its sender or as admin ({@code isAdmin=1}).
 * It sends the {@code RC:RcCmd} into the conversation; {@link RecallInterceptor} checks and marks it.
 */
public final class RecallApi {
    private final MessagePipeline pipeline;
    private final BusinessTypeRegistry businessTypes;

    public RecallApi(MessagePipeline pipeline) {
        this(pipeline, new BusinessTypeRegistry(List.of()));
    }

    /** @param businessTypes resolves {@code busChannel} (ultragroup channels) through {@code BusinessType#channelTarget} */
    public RecallApi(MessagePipeline pipeline, BusinessTypeRegistry businessTypes) {
        this.pipeline = pipeline;
        this.businessTypes = businessTypes;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new Route("/message/recall.json", this::recall));
    }

    private ApiResponse recall(ApiRequest request) {
        ConversationType type = Parameters.conversationType(request);
        int typeCode = type.code();
        String from = UserId.of(request.required("fromUserId")).value();
        String targetId = request.required("targetId");
        Optional<String> channel = request.optional("busChannel");
        if (channel.isPresent()) {
            targetId = businessTypes.get(type).channelTarget(targetId, channel.get());
        }
        ObjectNode content = ContentFields.mapper().createObjectNode();
        content.put("messageUId", request.required("messageUID"));
        content.put("conversationType", Integer.toString(typeCode));
        content.put("targetId", request.required("targetId"));
        channel.ifPresent(id -> content.put("channelId", id));
        content.put("sentTime", request.longValue("sentTime", 0));
        content.put("isAdmin", request.bool("isAdmin", false) ? 1 : 0);
        content.put("isDelete", request.bool("isDelete", false) ? 1 : 0);
        content.put("extra", request.optional("extra").orElse(""));
        PublishForm.await(pipeline.send(new OutgoingMessage(type, from, targetId, RecallInterceptor.RECALL_COMMAND,
                content.toString(), Optional.empty(), Optional.empty(), true, false, true,
                "recall:" + UUID.randomUUID(), Optional.empty()), ""));
        return ApiResponse.ok();
    }
}
