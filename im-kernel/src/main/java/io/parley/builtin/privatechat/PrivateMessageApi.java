package io.parley.builtin.privatechat;

import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.builtin.common.PublishForm;
import io.parley.builtin.common.TemplateForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code /message/private/publish.json} and {@code /statusmessage/private/publish.json}: the app server sends a
 * private message, or a status message (never stored; online devices only), on a user's behalf;
 * {@code /message/private/publish_template.json} (JSON, see {@link TemplateForm}): one private message per
 * recipient, each with its own values filled into the template.
 */
final class PrivateMessageApi {
    private static final int MAX_RECIPIENTS = 1000;

    private final MessagePublisher publisher;

    PrivateMessageApi(MessagePublisher publisher) {
        this.publisher = publisher;
    }

    List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/private/publish.json", request -> publish(request, false)),
                new FunctionRoute("/statusmessage/private/publish.json", request -> publish(request, true)),
                new FunctionRoute("/message/private/publish_template.json", request -> TemplateForm
                        .parse(request, MAX_RECIPIENTS).publish(publisher, ConversationType.PRIVATE)));
    }

    private ApiResponse publish(ApiRequest request, boolean status) {
        PublishForm form = PublishForm.parse(request, false);
        List<String> recipients = request.userIds("toUserId", MAX_RECIPIENTS);
        List<CompletionStage<Message>> sends = new ArrayList<>();
        for (String to : recipients) {
            OutgoingMessage message = form.toMessage(ConversationType.PRIVATE, to, List.of());
            sends.add(status ? publisher.publishStatus(message) : publisher.publish(message));
        }
        List<Map<String, Object>> uids = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userId", recipients.get(i));
            entry.put("messageUID", PublishForm.await(sends.get(i)).messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }
}
