package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.ApiParameters.add;
import static io.parley.plugin.ultragroup.ApiParameters.data;
import static io.parley.plugin.ultragroup.ApiParameters.json;
import static io.parley.plugin.ultragroup.ApiParameters.page;
import static io.parley.plugin.ultragroup.ApiParameters.text;
import static io.parley.plugin.ultragroup.ApiParameters.user;
import static io.parley.plugin.ultragroup.ApiParameters.users;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server API of user groups: create, delete, list, their members, and their bindings to channels
 * ({@code /ultragroup/usergroup/*}, {@code /ultragroup/user/usergroup/query.json},
 * {@code /ultragroup/channel/usergroup/*}, {@code /ultragroup/user/channel/query.json}).
 */
final class UserGroupRoutes {
    private final Ultragroups ultragroups;
    private final Directory directory;
    private final ApiTargets targets;

    UserGroupRoutes(Ultragroups ultragroups, ApiTargets targets) {
        this.ultragroups = ultragroups;
        this.directory = ultragroups.directory();
        this.targets = targets;
    }

    /** Adds the routes of user groups, in this order. */
    void addTo(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/usergroup/add.json", r -> {
            JsonNode body = json(r);
            String groupId = text(body, r, "groupId");
            directory.groups().requireGroup(groupId);
            List<String> ids = new ArrayList<>();
            if (body != null) {
                body.path("userGroups").forEach(node -> ids.add(node.path("userGroupId").asText("")));
            }
            for (String id : ids) {
                directory.userGroups().addUserGroup(groupId, Target.checkGroupId(id));
            }
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/usergroup/del.json", r -> {
            String groupId = targets.group(r);
            for (String id : r.list("userGroupIds")) {
                directory.userGroups().deleteUserGroup(groupId, id);
            }
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/usergroup/query.json", r -> {
            List<Map<String, Object>> list = new ArrayList<>();
            directory.userGroups().userGroups(targets.group(r)).forEach(id -> list.add(Map.of("userGroupId", id)));
            return ApiResponse.of("userGroups", page(list, (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50)));
        });
        add(routes, "/ultragroup/usergroup/user/add.json", r -> userGroupMembers(r, true));
        add(routes, "/ultragroup/usergroup/user/del.json", r -> userGroupMembers(r, false));
        add(routes, "/ultragroup/user/usergroup/query.json", r -> data(r,
                directory.userGroups().userGroupsOf(targets.group(r), user(r, "userId"))));
        add(routes, "/ultragroup/channel/usergroup/bind.json", r -> bind(r, true));
        add(routes, "/ultragroup/channel/usergroup/unbind.json", r -> bind(r, false));
        add(routes, "/ultragroup/channel/usergroup/query.json", r -> {
            Target target = targets.channel(r);
            ultragroups.requireChannel(target.groupId(), target.channelId());
            return data(r, directory.userGroups().userGroupsOfChannel(target.groupId(), target.channelId()));
        });
        add(routes, "/ultragroup/usergroup/channel/query.json", r -> {
            String groupId = targets.group(r);
            String userGroupId = r.required("userGroupId");
            directory.userGroups().requireUserGroup(groupId, userGroupId);
            return data(r, directory.userGroups().channelsOfUserGroup(groupId, userGroupId));
        });
        add(routes, "/ultragroup/user/channel/query.json", r -> {
            String groupId = targets.group(r);
            String userId = user(r, "userId");
            List<String> channels = new ArrayList<>();
            directory.channels().channels(groupId).forEach((id, info) -> {
                if (info.type() == 1 && directory.channels().mayAccess(groupId, id, userId, info)) {
                    channels.add(id);
                }
            });
            return data(r, channels);
        });
    }

    private ApiResponse userGroupMembers(ApiRequest r, boolean add) {
        String groupId = targets.group(r);
        String userGroupId = r.required("userGroupId");
        directory.userGroups().requireUserGroup(groupId, userGroupId);
        for (String user : users(r)) {
            if (add) {
                if (!directory.groups().isMember(groupId, user)) {
                    throw new ImException(UltragroupErrorCode.NOT_MEMBER, user + " is not a member of " + groupId);
                }
                directory.userGroups().addUserGroupMember(groupId, userGroupId, user);
            } else {
                directory.userGroups().removeUserGroupMember(groupId, userGroupId, user);
            }
        }
        return ApiResponse.ok();
    }

    private ApiResponse bind(ApiRequest r, boolean on) {
        Target target = targets.channel(r);
        ultragroups.requireChannel(target.groupId(), target.channelId());
        for (String id : r.list("userGroupIds")) {
            directory.userGroups().requireUserGroup(target.groupId(), id);
            directory.userGroups().bind(target.groupId(), target.channelId(), id, on);
        }
        return ApiResponse.ok();
    }
}
