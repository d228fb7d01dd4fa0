package io.parley.kernel.expansion;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.api.Parameters;
import io.parley.kernel.api.Route;
import io.parley.kernel.conversation.ContentFields;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code /message/expansion/set.json}, {@code delete.json} and {@code query.json}. */
public final class ExpansionApi {
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {
    };

    private final ExpansionService expansions;

    public ExpansionApi(ExpansionService expansions) {
        this.expansions = expansions;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new Route("/message/expansion/set.json", this::set),
                new Route("/message/expansion/delete.json", this::delete),
                new Route("/message/expansion/query.json", this::query));
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
        return Parameters.conversationType(request);
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
