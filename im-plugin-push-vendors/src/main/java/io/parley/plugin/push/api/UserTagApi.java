package io.parley.plugin.push.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /user/tag/set.json}, {@code /user/tag/batch/set.json} and {@code /user/tags/get.json}. */
public final class UserTagApi {
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG_LENGTH = 40;

    private final UserTagStore tags;

    public UserTagApi(UserTagStore tags) {
        this.tags = tags;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/user/tag/set.json", this::set),
                new FunctionRoute("/user/tag/batch/set.json", this::batchSet),
                new FunctionRoute("/user/tags/get.json", this::get));
    }

    private ApiResponse set(ApiRequest request) {
        JsonNode body = Routes.jsonBody(request);
        String userId = UserId.of(body.path("userId").asText("")).value();
        tags.set(userId, tagList(body));
        return ApiResponse.ok();
    }

    private ApiResponse batchSet(ApiRequest request) {
        JsonNode body = Routes.jsonBody(request);
        List<String> tagList = tagList(body);
        if (!body.path("userIds").isArray() || body.path("userIds").isEmpty()) {
            throw ImException.invalidParameter("userIds is required");
        }
        for (JsonNode user : body.path("userIds")) {
            tags.set(UserId.of(user.asText()).value(), tagList);
        }
        return ApiResponse.ok();
    }

    private ApiResponse get(ApiRequest request) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String userId : request.list("userIds")) {
            result.put(userId, tags.tags(UserId.of(userId).value()));
        }
        return ApiResponse.of("result", result);
    }

    private static List<String> tagList(JsonNode body) {
        JsonNode node = body.path("tags");
        if (!node.isArray()) {
            throw ImException.invalidParameter("tags must be an array");
        }
        if (node.size() > MAX_TAGS) {
            throw ImException.invalidParameter("at most " + MAX_TAGS + " tags per user");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode tag : node) {
            String value = tag.asText("");
            if (value.isBlank() || value.length() > MAX_TAG_LENGTH || value.contains("/")) {
                throw ImException.invalidParameter("a tag is 1 to " + MAX_TAG_LENGTH + " characters without '/'");
            }
            result.add(value);
        }
        return result;
    }
}
