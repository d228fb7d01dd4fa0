package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.ApiParameters.add;
import static io.parley.plugin.ultragroup.ApiParameters.flag;
import static io.parley.plugin.ultragroup.ApiParameters.json;
import static io.parley.plugin.ultragroup.ApiParameters.optionalText;
import static io.parley.plugin.ultragroup.ApiParameters.text;
import static io.parley.plugin.ultragroup.ApiParameters.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server API of ultragroup messages: modify ({@code /ultragroup/msg/modify.json}) and publish
 * ({@code /message/ultragroup/publish.json}).
 */
final class MessageRoutes {
    private final Ultragroups ultragroups;
    private final PluginContext context;

    MessageRoutes(Ultragroups ultragroups, PluginContext context) {
        this.ultragroups = ultragroups;
        this.context = context;
    }

    /** Adds the routes of messages, in this order. */
    void addTo(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/msg/modify.json", r -> {
            Target target = Target.of(r.required("groupId"), r.optional("busChannel").orElse(""));
            ultragroups.modify(user(r, "fromUserId"), target, r.required("msgUID"), r.required("content"), true);
            return ApiResponse.ok();
        });
        add(routes, "/message/ultragroup/publish.json", this::publish);
    }

    /** {@code /message/ultragroup/publish.json}: JSON (as the SDKs send it) or a form; up to 3 groups. */
    private ApiResponse publish(ApiRequest r) {
        JsonNode body = json(r);
        String from = UserId.of(text(body, r, "fromUserId")).value();
        List<String> groups = new ArrayList<>();
        if (body != null && body.has("toGroupIds")) {
            body.path("toGroupIds").forEach(node -> groups.add(node.asText()));
        } else {
            groups.addAll(r.list("toGroupIds"));
        }
        if (groups.isEmpty() || groups.size() > 3) {
            throw ImException.invalidParameter("toGroupIds must name 1 to 3 ultragroups");
        }
        String objectName = text(body, r, "objectName");
        String content = text(body, r, "content");
        String channel = optionalText(body, r, "busChannel").orElse("");
        Optional<String> pushContent = optionalText(body, r, "pushContent");
        Optional<String> pushData = optionalText(body, r, "pushData");
        boolean persisted = flag(body, r, "isPersisted", true);
        boolean counted = flag(body, r, "isCounted", true);
        boolean disablePush = flag(body, r, "disablePush", false);
        String random = optionalText(body, r, "msgRandom").orElseGet(() -> UUID.randomUUID().toString());
        List<Map<String, Object>> uids = new ArrayList<>();
        for (String groupId : groups) {
            Target target = Target.of(groupId, channel);
            Message sent = await(context.publisher().publish(new OutgoingMessage(ConversationType.ULTRA_GROUP, from,
                    target.asTargetId(), objectName, content, pushContent, pushData, persisted, counted, false,
                    "api:" + groupId + ":" + random, Optional.empty()).withDisablePush(disablePush)));
            uids.add(Map.of("groupId", groupId, "messageUID", sent.messageUid()));
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    static Message await(java.util.concurrent.CompletionStage<Message> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImException ie) {
                throw ie;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the message was not committed in time", e);
        }
    }
}
