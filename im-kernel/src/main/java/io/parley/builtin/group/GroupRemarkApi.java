package io.parley.builtin.group;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Group members' push aliases: {@code /group/remarks/set.json} ({@code userId}, {@code groupId}, {@code remark}, 1
 * to 128 bytes), {@code /group/remarks/get.json} ({@code userId}, {@code groupId}; answers {@code remark}, empty
 * when none is set) and {@code /group/remarks/del.json} ({@code userId}, {@code groupId}; succeeds whether or not
 * one was set). Setting or reading an alias in a group that does not exist is refused with 1015; membership is not
 * checked (an alias matters only for the messages its user sends to the group). Runs on server-API workers; blocks
 * on storage.
 */
final class GroupRemarkApi {
    /** As a user remark ({@code /user/remarks/set.json}). */
    private static final int MAX_REMARK_BYTES = 128;

    private final GroupRemarks remarks;
    private final GroupDirectory groups;

    GroupRemarkApi(GroupRemarks remarks, GroupDirectory groups) {
        this.remarks = requireNonNull(remarks, "remarks is null");
        this.groups = requireNonNull(groups, "groups is null");
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/group/remarks/set.json", this::set),
                new FunctionRoute("/group/remarks/get.json", this::get),
                new FunctionRoute("/group/remarks/del.json", this::delete));
    }

    private ApiResponse set(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        String groupId = existingGroup(request);
        String remark = request.required("remark");
        checkRemark(remark);
        remarks.set(userId, groupId, remark);
        return ApiResponse.ok();
    }

    private ApiResponse get(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        String groupId = existingGroup(request);
        return ApiResponse.of("remark", remarks.remark(userId, groupId).orElse(""));
    }

    private ApiResponse delete(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        remarks.delete(userId, GroupApi.groupId(request));
        return ApiResponse.ok();
    }

    /** The checks of a user remark ({@code /user/remarks/set.json}), with its messages. */
    private static void checkRemark(String remark) {
        if (remark.isBlank()) {
            throw ImException.invalidParameter("a remark may not be empty (remove one with /user/remarks/del.json)");
        }
        if (remark.getBytes(StandardCharsets.UTF_8).length > MAX_REMARK_BYTES) {
            throw ImException.invalidParameter("a remark must be at most " + MAX_REMARK_BYTES + " bytes");
        }
    }

    private String existingGroup(ApiRequest request) {
        String groupId = GroupApi.groupId(request);
        if (groups.find(groupId).isEmpty()) {
            throw new ImException(StandardErrorCode.NOT_FOUND, "group " + groupId + " does not exist");
        }
        return groupId;
    }
}
