package io.parley.builtin.group;

import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /group/*} membership endpoints and {@code /user/group/query.json}. Runs on server-API workers;
 * blocks on storage and on the membership notifications it writes.
 */
final class GroupApi {
    private static final int MAX_USERS_PER_CALL = 1000;

    private final GroupDirectory groups;
    private final GroupNotifier notifier;
    private final Clock clock;

    GroupApi(GroupDirectory groups, GroupNotifier notifier, Clock clock) {
        this.groups = groups;
        this.notifier = notifier;
        this.clock = clock;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/group/create.json", this::create),
                new FunctionRoute("/group/join.json", this::join),
                new FunctionRoute("/group/quit.json", this::quit),
                new FunctionRoute("/group/dismiss.json", this::dismiss),
                new FunctionRoute("/group/refresh.json", this::refresh),
                new FunctionRoute("/group/sync.json", this::sync),
                new FunctionRoute("/group/user/query.json", this::members),
                new FunctionRoute("/user/group/query.json", this::groupsOfUser));
    }

    private ApiResponse create(ApiRequest request) {
        String groupId = groupId(request);
        List<String> userIds = userIds(request);
        GroupInfo info = groups.upsert(groupId, request.optional("groupName"), clock.millis());
        groups.addMembers(groupId, userIds, clock.millis());
        notifier.notify(groupId, userIds.get(0), "Create", userIds, info.name());
        return ApiResponse.of("memberCount", groups.memberIds(groupId).size());
    }

    private ApiResponse join(ApiRequest request) {
        String groupId = groupId(request);
        List<String> userIds = userIds(request);
        GroupInfo info = groups.find(groupId).isPresent() && request.optional("groupName").isEmpty()
                ? groups.find(groupId).get()
                : groups.upsert(groupId, request.optional("groupName"), clock.millis());
        List<String> added = groups.addMembers(groupId, userIds, clock.millis());
        if (!added.isEmpty()) {
            notifier.notify(groupId, added.get(0), "Add", added, info.name());
        }
        return ApiResponse.of("memberCount", groups.memberIds(groupId).size());
    }

    private ApiResponse quit(ApiRequest request) {
        String groupId = groupId(request);
        List<String> leaving = userIds(request).stream().filter(user -> groups.isMember(groupId, user)).toList();
        if (!leaving.isEmpty()) {
            notifier.notify(groupId, leaving.get(0), "Quit", leaving, name(groupId));
            groups.removeMembers(groupId, leaving);
        }
        return ApiResponse.of("memberCount", groups.memberIds(groupId).size());
    }

    private ApiResponse dismiss(ApiRequest request) {
        String groupId = groupId(request);
        String operator = UserId.of(request.required("userId")).value();
        if (groups.find(groupId).isPresent()) {
            notifier.notify(groupId, operator, "Dismiss", List.of(), name(groupId));
            groups.dismiss(groupId);
        }
        return ApiResponse.ok();
    }

    private ApiResponse refresh(ApiRequest request) {
        String groupId = groupId(request);
        String name = request.required("groupName");
        if (groups.find(groupId).isEmpty()) {
            throw ImException.invalidParameter("group " + groupId + " does not exist");
        }
        groups.upsert(groupId, Optional.of(name), clock.millis());
        return ApiResponse.ok();
    }

    /** Makes the user a member of exactly the groups listed ({@code group[<id>]=<name>}). */
    private ApiResponse sync(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        Map<String, String> wanted = new LinkedHashMap<>();
        request.params().forEach((key, values) -> {
            if (key.startsWith("group[") && key.endsWith("]")) {
                wanted.put(key.substring(6, key.length() - 1), values.isEmpty() ? "" : values.get(0));
            }
        });
        for (String current : groups.groupsOf(userId).keySet()) {
            if (!wanted.containsKey(current)) {
                groups.removeMembers(current, List.of(userId));
            }
        }
        wanted.forEach((groupId, name) -> {
            groups.upsert(groupId, name.isEmpty() ? Optional.empty() : Optional.of(name), clock.millis());
            groups.addMembers(groupId, List.of(userId), clock.millis());
        });
        return ApiResponse.ok();
    }

    private ApiResponse members(ApiRequest request) {
        String groupId = groupId(request);
        List<Map<String, Object>> users = new ArrayList<>();
        for (String member : groups.memberIds(groupId)) {
            users.add(Map.of("id", member));
        }
        return ApiResponse.of("id", groupId, "users", users);
    }

    private ApiResponse groupsOfUser(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        List<Map<String, Object>> result = new ArrayList<>();
        groups.groupsOf(userId).forEach((groupId, name) -> result.add(Map.of("id", groupId, "name", name)));
        return ApiResponse.of("groups", result);
    }

    private String name(String groupId) {
        return groups.find(groupId).map(GroupInfo::name).orElse("");
    }

    static String groupId(ApiRequest request) {
        String groupId = request.required("groupId");
        if (groupId.length() > 64 || groupId.contains(",")) {
            throw ImException.invalidParameter("groupId must be at most 64 characters, without commas");
        }
        return groupId;
    }

    /** {@code userId}: repeated or comma-joined, 1 to 1,000 valid ids. */
    static List<String> userIds(ApiRequest request) {
        return request.userIds("userId", MAX_USERS_PER_CALL);
    }
}
