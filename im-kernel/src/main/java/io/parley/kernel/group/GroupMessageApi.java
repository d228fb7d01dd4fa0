package io.parley.kernel.group;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.api.PublishForm;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.message.CommitResult;
import io.parley.kernel.message.MessagePipeline;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /message/group/publish.json} (to up to three groups, optionally directed to some members; mentions
 * travel in the content's {@code mentionedInfo}) and {@code /statusmessage/group/publish.json}.
 */
public final class GroupMessageApi implements KernelRoutes {
    private static final int MAX_GROUPS = 3;

    private final MessagePipeline pipeline;

    @Inject
    public GroupMessageApi(MessagePipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/group/publish.json", request -> publish(request, false)),
                new FunctionRoute("/statusmessage/group/publish.json", request -> publish(request, true)));
    }

    private ApiResponse publish(ApiRequest request, boolean status) {
        PublishForm form = PublishForm.parse(request, false);
        List<String> groupIds = request.list("toGroupId");
        if (groupIds.isEmpty()) {
            throw ImException.invalidParameter("toGroupId is required");
        }
        if (groupIds.size() > MAX_GROUPS) {
            throw ImException.invalidParameter("at most " + MAX_GROUPS + " toGroupId values per call");
        }
        List<String> directedTo = request.list("toUserId");
        directedTo.forEach(UserId::of);
        List<CompletableFuture<CommitResult>> sends = new ArrayList<>();
        for (String groupId : groupIds) {
            sends.add(pipeline.send(form.toMessage(ConversationType.GROUP, groupId, directedTo), "", status));
        }
        List<Map<String, Object>> uids = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("groupId", groupIds.get(i));
            entry.put("messageUID", PublishForm.await(sends.get(i)).message().messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }
}
