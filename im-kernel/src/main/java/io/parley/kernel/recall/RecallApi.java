package io.parley.kernel.recall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.api.PublishForm;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.CommitResult;
import io.parley.kernel.message.ContentFields;
import io.parley.kernel.message.MessagePipeline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /message/recall.json}: the app server recalls a message, as its sender or as admin ({@code isAdmin=1}).
 * It sends the {@code RC:RcCmd} into the conversation; {@link RecallInterceptor} checks and marks it.
 */
public final class RecallApi implements KernelRoutes {
    private final MessagePipeline pipeline;
    private final BusinessTypeRegistry businessTypes;

    public RecallApi(MessagePipeline pipeline) {
        this(pipeline, new BusinessTypeRegistry(List.of()));
    }

    /** @param businessTypes resolves {@code busChannel} (ultragroup channels) through {@code BusinessType#channelTarget} */
    @Inject
    public RecallApi(MessagePipeline pipeline, BusinessTypeRegistry businessTypes) {
        this.pipeline = pipeline;
        this.businessTypes = businessTypes;
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/recall.json", this::recall));
    }

    /**
     * Sends the {@code RC:RcCmd} that recalls {@code messageUid} into the conversation ({@code type},
     * {@code targetId}) as {@code from}; {@link RecallInterceptor} checks it and marks the message.
     *
     * @param contentTargetId the {@code targetId} the command's content names (the caller's, before any channel)
     */
    public static CompletableFuture<CommitResult> send(MessagePipeline pipeline, ConversationType type, String from,
            String targetId, String contentTargetId, Optional<String> channel, String messageUid, long sentTime,
            boolean admin, boolean delete, String extra) {
        ObjectNode content = ContentFields.mapper().createObjectNode();
        content.put("messageUId", messageUid);
        content.put("conversationType", Integer.toString(type.code()));
        content.put("targetId", contentTargetId);
        channel.ifPresent(id -> content.put("channelId", id));
        content.put("sentTime", sentTime);
        content.put("isAdmin", admin ? 1 : 0);
        content.put("isDelete", delete ? 1 : 0);
        content.put("extra", extra);
        return pipeline.send(new OutgoingMessage(type, from, targetId, RecallInterceptor.RECALL_COMMAND,
                content.toString(), Optional.empty(), Optional.empty(), true, false, true,
                "recall:" + UUID.randomUUID(), Optional.empty()), "");
    }

    private ApiResponse recall(ApiRequest request) {
        ConversationType type = request.conversationType();
        String from = UserId.of(request.required("fromUserId")).value();
        String targetId = request.required("targetId");
        Optional<String> channel = request.optional("busChannel");
        if (channel.isPresent()) {
            targetId = businessTypes.get(type).channelTarget(targetId, channel.get());
        }
        PublishForm.await(send(pipeline, type, from, targetId, request.required("targetId"), channel,
                request.required("messageUID"), request.longValue("sentTime", 0), request.bool("isAdmin", false),
                request.bool("isDelete", false), request.optional("extra").orElse("")));
        return ApiResponse.ok();
    }
}
