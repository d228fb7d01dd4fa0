package io.parley.builtin.group;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.builtin.common.PublishForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code /message/group/publish.json} (to up to three groups, optionally directed to some members; mentions
 * travel in the content's {@code mentionedInfo}) and {@code /statusmessage/group/publish.json}.
 */
final class GroupMessageApi {
    private static final int MAX_GROUPS = 3;

    private final MessagePublisher publisher;

    GroupMessageApi(MessagePublisher publisher) {
        this.publisher = publisher;
    }

    List<ServerApiRoute> routes() {
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
        List<CompletionStage<Message>> sends = new ArrayList<>();
        for (String groupId : groupIds) {
            OutgoingMessage message = form.toMessage(ConversationType.GROUP, groupId, directedTo);
            sends.add(status ? publisher.publishStatus(message) : publisher.publish(message));
        }
        List<Map<String, Object>> uids = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("groupId", groupIds.get(i));
            entry.put("messageUID", PublishForm.await(sends.get(i)).messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }
}
