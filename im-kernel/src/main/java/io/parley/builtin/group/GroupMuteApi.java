package io.parley.builtin.group;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Group mutes: gag members (in one group or all, for N minutes), mute whole groups, and the whitelist of
 * members who may speak in a muted group. Runs on server-API workers; blocks on storage.
 */
final class GroupMuteApi {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long MAX_MINUTES = 43_200;

    private final GroupMutes mutes;

    GroupMuteApi(GroupMutes mutes) {
        this.mutes = mutes;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/group/user/gag/add.json", this::gag),
                new FunctionRoute("/group/user/gag/rollback.json", this::ungag),
                new FunctionRoute("/group/user/gag/list.json", this::gagList),
                new FunctionRoute("/group/ban/add.json", this::ban),
                new FunctionRoute("/group/ban/rollback.json", this::unban),
                new FunctionRoute("/group/ban/query.json", this::banQuery),
                new FunctionRoute("/group/user/ban/whitelist/add.json", this::whitelistAdd),
                new FunctionRoute("/group/user/ban/whitelist/rollback.json", this::whitelistRemove),
                new FunctionRoute("/group/user/ban/whitelist/query.json", this::whitelistQuery));
    }

    private ApiResponse gag(ApiRequest request) {
        List<String> userIds = GroupApi.userIds(request);
        long minutes = request.requiredLong("minute");
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw ImException.invalidParameter("minute must be 1 to " + MAX_MINUTES);
        }
        List<String> groupIds = request.list("groupId");
        for (String userId : userIds) {
            if (groupIds.isEmpty()) {
                mutes.gag(Optional.empty(), userId, minutes);
            } else {
                groupIds.forEach(groupId -> mutes.gag(Optional.of(groupId), userId, minutes));
            }
        }
        return ApiResponse.ok();
    }

    private ApiResponse ungag(ApiRequest request) {
        List<String> userIds = GroupApi.userIds(request);
        List<String> groupIds = request.list("groupId");
        for (String userId : userIds) {
            if (groupIds.isEmpty()) {
                mutes.ungag(Optional.empty(), userId);
            } else {
                groupIds.forEach(groupId -> mutes.ungag(Optional.of(groupId), userId));
            }
        }
        return ApiResponse.ok();
    }

    private ApiResponse gagList(ApiRequest request) {
        List<Map<String, Object>> users = new ArrayList<>();
        mutes.gagged(request.optional("groupId")).forEach((userId, until) ->
                users.add(Map.of("userId", userId, "time", TIME.format(Instant.ofEpochMilli(until)))));
        return ApiResponse.of("users", users);
    }

    private ApiResponse ban(ApiRequest request) {
        groupIds(request).forEach(mutes::ban);
        return ApiResponse.ok();
    }

    private ApiResponse unban(ApiRequest request) {
        groupIds(request).forEach(mutes::unban);
        return ApiResponse.ok();
    }

    private ApiResponse banQuery(ApiRequest request) {
        List<String> asked = request.list("groupId");
        List<Map<String, Object>> info = new ArrayList<>();
        if (asked.isEmpty()) {
            mutes.bannedGroups().forEach(groupId -> info.add(Map.of("groupId", groupId, "stat", 1)));
        } else {
            asked.forEach(groupId -> info.add(Map.of("groupId", groupId, "stat", mutes.isBanned(groupId) ? 1 : 0)));
        }
        return ApiResponse.of("groupinfo", info);
    }

    private ApiResponse whitelistAdd(ApiRequest request) {
        mutes.allowDuringBan(GroupApi.groupId(request), GroupApi.userIds(request));
        return ApiResponse.ok();
    }

    private ApiResponse whitelistRemove(ApiRequest request) {
        mutes.disallowDuringBan(GroupApi.groupId(request), GroupApi.userIds(request));
        return ApiResponse.ok();
    }

    private ApiResponse whitelistQuery(ApiRequest request) {
        return ApiResponse.of("userIds", List.copyOf(mutes.banWhitelist(GroupApi.groupId(request))));
    }

    private static List<String> groupIds(ApiRequest request) {
        List<String> groupIds = request.list("groupId");
        if (groupIds.isEmpty()) {
            throw ImException.invalidParameter("groupId is required");
        }
        return groupIds;
    }
}
