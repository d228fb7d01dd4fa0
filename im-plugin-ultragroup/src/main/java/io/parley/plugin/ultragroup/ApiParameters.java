package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the ultragroup server API reads its parameters, with RongCloud's names and types: users, paging, a JSON body
 * (as the SDKs send it) or a form, and 0/1 flags. Stateless.
 */
final class ApiParameters {
    private ApiParameters() {
    }

    static void add(List<ServerApiRoute> routes, String path, Function<ApiRequest, ApiResponse> handler) {
        routes.add(new FunctionRoute(path, handler));
    }

    static String user(ApiRequest r, String name) {
        return UserId.of(r.required(name)).value();
    }

    static List<String> users(ApiRequest r) {
        List<String> users = r.list("userIds");
        if (users.isEmpty()) {
            throw ImException.invalidParameter("userIds is required");
        }
        return users.stream().map(id -> UserId.of(id).value()).toList();
    }

    static ApiResponse data(ApiRequest r, List<String> items) {
        return ApiResponse.of("data", page(items, (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50)));
    }

    static List<Map<String, Object>> ids(List<String> users) {
        return users.stream().map(id -> Map.<String, Object>of("id", id)).toList();
    }

    static <T> List<T> page(List<T> items, int page, int size) {
        int pageSize = Math.max(1, Math.min(size <= 0 ? 50 : size, 1000));
        int from = Math.max(0, (Math.max(page, 1) - 1) * pageSize);
        return from >= items.size() ? List.of() : items.subList(from, Math.min(items.size(), from + pageSize));
    }

    static JsonNode json(ApiRequest r) {
        if (r.jsonBody().isEmpty()) {
            return null;
        }
        try {
            return MetadataRecords.JSON.readTree(r.jsonBody().get());
        } catch (IOException e) {
            throw ImException.invalidParameter("the body is not valid JSON: " + e.getMessage());
        }
    }

    static Optional<String> optionalText(JsonNode body, ApiRequest r, String name) {
        if (body != null) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            String value = node.isTextual() ? node.asText() : node.toString();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
        return r.optional(name);
    }

    static String text(JsonNode body, ApiRequest r, String name) {
        return optionalText(body, r, name).orElseThrow(() -> ImException.invalidParameter(name + " is required"));
    }

    static boolean flag(JsonNode body, ApiRequest r, String name, boolean defaultValue) {
        return optionalText(body, r, name).map(v -> switch (v.trim()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw ImException.invalidParameter(name + " must be 0 or 1");
        }).orElse(defaultValue);
    }
}
