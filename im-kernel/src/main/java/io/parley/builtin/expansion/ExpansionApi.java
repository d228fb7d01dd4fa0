package io.parley.builtin.expansion;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.UserId;
import io.parley.api.plugin.ConversationService;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.builtin.common.ContentFields;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code /message/expansion/set.json}, {@code delete.json} and {@code query.json}; and RongCloud's ultragroup
 * forms of the same three ({@code /ultragroup/message/expansion/*.json}: {@code groupId} and {@code busChannel}
 * instead of {@code conversationType} and {@code targetId}), answered with 33006 when no plugin serves
 * ultragroups.
 */
final class ExpansionApi {
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {
    };

    private final ExpansionService expansions;
    private final ConversationService conversations;

    ExpansionApi(ExpansionService expansions, ConversationService conversations) {
        this.expansions = expansions;
        this.conversations = conversations;
    }

    List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/expansion/set.json", this::set),
                new FunctionRoute("/message/expansion/delete.json", this::delete),
                new FunctionRoute("/message/expansion/query.json", this::query),
                new FunctionRoute("/ultragroup/message/expansion/set.json", this::setInChannel),
                new FunctionRoute("/ultragroup/message/expansion/delete.json", this::deleteInChannel),
                new FunctionRoute("/ultragroup/message/expansion/query.json", this::queryInChannel));
    }

    private String channelTarget(ApiRequest request) {
        return conversations.channelTarget(ConversationType.ULTRA_GROUP, request.required("groupId"),
                request.optional("busChannel").orElse(""));
    }

    private ApiResponse setInChannel(ApiRequest request) {
        Map<String, String> values = parse(request.required("extraKeyVal"), VALUES, "extraKeyVal");
        expansions.set(user(request), ConversationType.ULTRA_GROUP, channelTarget(request), request.required("msgUID"),
                values, true, false);
        return ApiResponse.ok();
    }

    private ApiResponse deleteInChannel(ApiRequest request) {
        List<String> keys = parse(request.required("extraKey"), KEYS, "extraKey");
        expansions.delete(user(request), ConversationType.ULTRA_GROUP, channelTarget(request),
                request.required("msgUID"), keys, true, false);
        return ApiResponse.ok();
    }

    private ApiResponse queryInChannel(ApiRequest request) {
        channelTarget(request);
        return ApiResponse.of("extraContent", expansions.query(request.required("msgUID")));
    }

    private ApiResponse set(ApiRequest request) {
        Map<String, String> values = parse(request.required("extraKeyVal"), VALUES, "extraKeyVal");
        expansions.set(user(request), type(request), request.required("targetId"), request.required("msgUID"), values,
                true, request.bool("isSyncSender", false));
        return ApiResponse.ok();
    }

    private ApiResponse delete(ApiRequest request) {
        List<String> keys = parse(request.required("extraKey"), KEYS, "extraKey");
        expansions.delete(user(request), type(request), request.required("targetId"), request.required("msgUID"), keys,
                true, request.bool("isSyncSender", false));
        return ApiResponse.ok();
    }

    private ApiResponse query(ApiRequest request) {
        return ApiResponse.of("extraContent", expansions.query(request.required("msgUID")));
    }

    private static ConversationType type(ApiRequest request) {
        return request.conversationType();
    }

    private static String user(ApiRequest request) {
        return UserId.of(request.required("userId")).value();
    }

    private static <T> T parse(String json, TypeReference<T> type, String name) {
        try {
            return ContentFields.mapper().readValue(json, type);
        } catch (IOException e) {
            throw ImException.invalidParameter(name + " is not valid JSON of the expected shape: " + e.getMessage());
        }
    }
}
