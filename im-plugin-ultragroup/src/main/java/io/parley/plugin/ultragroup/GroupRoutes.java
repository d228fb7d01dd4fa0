package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.ApiParameters.add;
import static io.parley.plugin.ultragroup.ApiParameters.user;

import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.ultragroup.GroupMembers.GroupInfo;
import java.util.List;

/**
 * The server API of ultragroups and their members: create, dismiss, join, quit, refresh, member exists, and Parley's
 * own push frequency of a group ({@code /ultragroup/*.json}).
 */
final class GroupRoutes {
    private final Ultragroups ultragroups;
    private final Directory directory;

    GroupRoutes(Ultragroups ultragroups) {
        this.ultragroups = ultragroups;
        this.directory = ultragroups.directory();
    }

    /** Adds the routes of groups and members, in this order. */
    void addTo(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/create.json", r -> {
            ultragroups.create(r.required("groupId"), user(r, "userId"), r.optional("groupName").orElse(""));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/dis.json", r -> {
            ultragroups.dismiss(r.required("groupId"));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/join.json", r -> {
            ultragroups.join(r.required("groupId"), user(r, "userId"));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/quit.json", r -> {
            ultragroups.quit(r.required("groupId"), user(r, "userId"));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/refresh.json", r -> {
            String groupId = r.required("groupId");
            GroupInfo info = directory.groups().requireGroup(groupId);
            directory.groups().putGroup(groupId, new GroupInfo(r.optional("groupName").orElse(info.name()), info.owner(),
                    info.createTime(), info.pushIntervalMillis()));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/member/exist.json", r -> {
            String groupId = r.required("groupId");
            directory.groups().requireGroup(groupId);
            return ApiResponse.of("status", directory.groups().isMember(groupId, user(r, "userId")));
        });
        // Parley's own: the push frequency of one ultragroup, in seconds (-1: the plugin's default)
        add(routes, "/ultragroup/push/frequency/set.json", r -> {
            String groupId = r.required("groupId");
            GroupInfo info = directory.groups().requireGroup(groupId);
            long seconds = r.requiredLong("interval");
            directory.groups().putGroup(groupId, new GroupInfo(info.name(), info.owner(), info.createTime(),
                    seconds < 0 ? -1 : seconds * 1000));
            return ApiResponse.ok();
        });
    }
}
