package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Member queries: {@code /chatroom/user/query.json} ({@code total}, {@code users:[{id, time}]} with the join
 * time, {@code count} 1–500, {@code order} 1 oldest first or 2 newest first), {@code /chatroom/user/exist.json}
 * ({@code isInChrm} boolean) and {@code /chatroom/users/exist.json} ({@code result:[{userId, isInChrm}]}, an
 * int). Run on server-API worker threads.
 */
final class MemberApi {
    private static final int MAX_COUNT = 500;

    private final ChatroomRegistry registry;

    MemberApi(ChatroomRegistry registry) {
        this.registry = registry;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/user/query.json", this::query),
                new FunctionRoute("/chatroom/user/exist.json", this::exists),
                new FunctionRoute("/chatroom/users/exist.json", this::existsMany));
    }

    private ApiResponse query(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        long count = request.longValue("count", MAX_COUNT);
        long order = request.longValue("order", 1);
        if (count < 1 || count > MAX_COUNT) {
            throw ImException.invalidParameter("count must be 1 to " + MAX_COUNT);
        }
        if (order != 1 && order != 2) {
            throw ImException.invalidParameter("order must be 1 (oldest first) or 2 (newest first)");
        }
        List<Map.Entry<String, Long>> members = new ArrayList<>(room.members().entrySet());
        if (order == 2) {
            Collections.reverse(members);
        }
        List<Map<String, Object>> users = new ArrayList<>();
        for (Map.Entry<String, Long> member : members.subList(0, (int) Math.min(count, members.size()))) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", member.getKey());
            user.put("time", ApiFormats.time(member.getValue()));
            users.add(user);
        }
        return ApiResponse.of("total", members.size(), "users", users);
    }

    private ApiResponse exists(ApiRequest request) {
        Optional<Room> room = registry.find(request.required("chatroomId"));
        String userId = request.required("userId");
        return ApiResponse.of("isInChrm", room.map(r -> r.isMember(userId)).orElse(false));
    }

    private ApiResponse existsMany(ApiRequest request) {
        Optional<Room> room = registry.find(request.required("chatroomId"));
        List<String> userIds = request.list("userId");
        if (userIds.isEmpty()) {
            throw ImException.invalidParameter("userId is required");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (String userId : userIds) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("userId", userId);
            item.put("isInChrm", room.map(r -> r.isMember(userId)).orElse(false) ? 1 : 0);
            result.add(item);
        }
        return ApiResponse.of("result", result);
    }
}
