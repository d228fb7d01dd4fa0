package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.ApiParameters.add;
import static io.parley.plugin.ultragroup.ApiParameters.page;
import static io.parley.plugin.ultragroup.ApiParameters.users;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.ultragroup.Channels.ChannelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server API of channels: create, delete, list, change type, and the users of a private channel
 * ({@code /ultragroup/channel/*}).
 */
final class ChannelRoutes {
    private final Ultragroups ultragroups;
    private final Directory directory;
    private final ApiTargets targets;

    ChannelRoutes(Ultragroups ultragroups, ApiTargets targets) {
        this.ultragroups = ultragroups;
        this.directory = ultragroups.directory();
        this.targets = targets;
    }

    /** Adds the routes of channels and their private lists, in this order. */
    void addTo(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/channel/create.json", r -> {
            ultragroups.createChannel(r.required("groupId"), r.required("busChannel"), (int) r.longValue("type", 0));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/channel/del.json", r -> {
            Target target = targets.channel(r);
            ultragroups.requireChannel(target.groupId(), target.channelId());
            directory.deleteChannel(target.groupId(), target.channelId());
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/channel/get.json", r -> {
            String groupId = r.required("groupId");
            directory.groups().requireGroup(groupId);
            List<Map<String, Object>> list = new ArrayList<>();
            directory.channels().channels(groupId).forEach((id, info) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("channelId", id);
                item.put("type", info.type());
                item.put("createTime", Long.toString(info.createTime()));
                list.add(item);
            });
            int size = (int) r.optional("size").or(() -> r.optional("limit")).map(Long::parseLong).orElse(20L).longValue();
            return ApiResponse.of("channelList", page(list, (int) r.longValue("page", 1), size));
        });
        add(routes, "/ultragroup/channel/type/change.json", r -> {
            Target target = targets.channel(r);
            ChannelInfo info = ultragroups.requireChannel(target.groupId(), target.channelId());
            directory.channels().putChannel(target.groupId(), target.channelId(),
                    info.withType(Ultragroups.checkType((int) r.requiredLong("type"))));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/channel/private/users/add.json", r -> privateUsers(r, true));
        add(routes, "/ultragroup/channel/private/users/del.json", r -> privateUsers(r, false));
        add(routes, "/ultragroup/channel/private/users/get.json", r -> {
            Target target = targets.channel(r);
            ultragroups.requireChannel(target.groupId(), target.channelId());
            return ApiResponse.of("users", page(directory.channels().privateUsers(target.groupId(), target.channelId()),
                    (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50)));
        });
    }

    private ApiResponse privateUsers(ApiRequest r, boolean add) {
        Target target = targets.channel(r);
        ultragroups.requireChannel(target.groupId(), target.channelId());
        for (String user : users(r)) {
            directory.channels().setPrivateUser(target.groupId(), target.channelId(), user, add);
        }
        return ApiResponse.ok();
    }
}
