package io.parley.kernel.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.user.UserRemarks;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users' push aliases for other users: {@code /user/remarks/set.json} ({@code userId}; {@code remarks}, a JSON array
 * {@code [{"id":"u2","remark":"Mum"}]} of at most 100, or a JSON object {@code {"u2":"Mum"}}; each remark 1 to 128
 * bytes, replacing an earlier one), {@code /user/remarks/get.json} ({@code userId}; {@code page} from 1, default 1;
 * {@code size} 1–50, default 50; answers {@code total} and {@code users:[{id, remark}]}, by id) and
 * {@code /user/remarks/del.json} ({@code userId}, {@code targetId}; succeeds whether or not a remark was set). A
 * remark is the name the sender goes by in the owner's push notifications. Runs on server-API workers; blocks on
 * storage.
 */
public final class UserRemarkApi implements KernelRoutes {
    static final int MAX_REMARKS_PER_CALL = 100;
    static final int MAX_REMARK_BYTES = 128;
    static final int MAX_PAGE_SIZE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserRemarks remarks;

    @Inject
    public UserRemarkApi(UserRemarks remarks) {
        this.remarks = requireNonNull(remarks, "remarks is null");
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/user/remarks/set.json", this::set),
                new FunctionRoute("/user/remarks/get.json", this::get),
                new FunctionRoute("/user/remarks/del.json", this::delete));
    }

    private ApiResponse set(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        Map<String, String> given = parse(request.required("remarks"));
        if (given.isEmpty()) {
            throw ImException.invalidParameter("remarks holds no remark");
        }
        if (given.size() > MAX_REMARKS_PER_CALL) {
            throw ImException.invalidParameter("at most " + MAX_REMARKS_PER_CALL + " remarks per call");
        }
        given.forEach((targetId, remark) -> {
            UserId.of(targetId);
            checkRemark(remark);
        });
        given.forEach((targetId, remark) -> remarks.set(userId, targetId, remark));
        return ApiResponse.ok();
    }

    private ApiResponse get(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        long page = request.longValue("page", 1);
        long size = request.longValue("size", MAX_PAGE_SIZE);
        if (page < 1) {
            throw ImException.invalidParameter("page must be at least 1");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ImException.invalidParameter("size must be 1 to " + MAX_PAGE_SIZE);
        }
        Map<String, String> all = remarks.remarksOf(userId);
        List<Map<String, Object>> users = new ArrayList<>();
        all.entrySet().stream().skip((page - 1) * size).limit(size).forEach(entry -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", entry.getKey());
            user.put("remark", entry.getValue());
            users.add(user);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", all.size());
        answer.put("users", users);
        return new ApiResponse(answer);
    }

    private ApiResponse delete(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        String targetId = UserId.of(request.required("targetId")).value();
        remarks.delete(userId, targetId);
        return ApiResponse.ok();
    }

    /** {@code [{"id":…,"remark":…},…]} (RongCloud's documented form) or {@code {"<id>":"<remark>",…}}. */
    private static Map<String, String> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw ImException.invalidParameter("remarks must be JSON: [{\"id\":\"…\",\"remark\":\"…\"}]");
        }
        Map<String, String> result = new LinkedHashMap<>();
        if (root != null && root.isArray()) {
            for (JsonNode item : root) {
                if (!item.isObject() || !item.path("id").isTextual() || !item.path("remark").isTextual()) {
                    throw ImException.invalidParameter("each remark must be {\"id\":\"…\",\"remark\":\"…\"}: " + item);
                }
                result.put(item.get("id").asText(), item.get("remark").asText());
            }
        } else if (root != null && root.isObject()) {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
                if (!entry.getValue().isTextual()) {
                    throw ImException.invalidParameter("the remark for " + entry.getKey() + " must be a string");
                }
                result.put(entry.getKey(), entry.getValue().asText());
            }
        } else {
            throw ImException.invalidParameter("remarks must be a JSON array: [{\"id\":\"…\",\"remark\":\"…\"}]");
        }
        return result;
    }

    /** A remark is 1 to 128 bytes of UTF-8; {@code /user/remarks/del.json} removes one. */
    public static void checkRemark(String remark) {
        if (remark.isBlank()) {
            throw ImException.invalidParameter("a remark may not be empty (remove one with /user/remarks/del.json)");
        }
        if (remark.getBytes(StandardCharsets.UTF_8).length > MAX_REMARK_BYTES) {
            throw ImException.invalidParameter("a remark must be at most " + MAX_REMARK_BYTES + " bytes");
        }
    }
}
