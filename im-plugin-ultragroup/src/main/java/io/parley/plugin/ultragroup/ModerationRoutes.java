package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.ApiParameters.add;
import static io.parley.plugin.ultragroup.ApiParameters.ids;
import static io.parley.plugin.ultragroup.ApiParameters.page;
import static io.parley.plugin.ultragroup.ApiParameters.users;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server API of moderation: muted members ({@code /ultragroup/userbanned/*}), everyone muted
 * ({@code /ultragroup/globalbanned/*}), the whitelist while everyone is muted ({@code /ultragroup/banned/whitelist/*})
 * and the group's do-not-disturb levels ({@code /ultragroup/notdisturb/*}), for a group or one of its channels.
 */
final class ModerationRoutes {
    private final Directory directory;
    private final ApiTargets targets;

    ModerationRoutes(Ultragroups ultragroups, ApiTargets targets) {
        this.directory = ultragroups.directory();
        this.targets = targets;
    }

    /** Adds the routes of mutes, whitelists and do-not-disturb levels, in this order. */
    void addTo(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/userbanned/add.json", r -> banned(r, true));
        add(routes, "/ultragroup/userbanned/del.json", r -> banned(r, false));
        add(routes, "/ultragroup/userbanned/get.json", r -> {
            Target target = targets.optionalChannel(r);
            return ApiResponse.of("users", ids(page(directory.mutes().banned(target.groupId(), target.channelId()),
                    (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50))));
        });
        add(routes, "/ultragroup/globalbanned/set.json", r -> {
            Target target = targets.optionalChannel(r);
            directory.mutes().setAllBanned(target.groupId(), target.channelId(), r.bool("status", false));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/globalbanned/get.json", r -> {
            Target target = targets.optionalChannel(r);
            return ApiResponse.of("status", directory.mutes().allBanned(target.groupId(), target.channelId()));
        });
        add(routes, "/ultragroup/banned/whitelist/add.json", r -> whitelist(r, true));
        add(routes, "/ultragroup/banned/whitelist/del.json", r -> whitelist(r, false));
        add(routes, "/ultragroup/banned/whitelist/get.json", r -> {
            Target target = targets.optionalChannel(r);
            return ApiResponse.of("users", ids(page(directory.mutes().whitelist(target.groupId(), target.channelId()),
                    (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50))));
        });
        add(routes, "/ultragroup/notdisturb/set.json", r -> {
            Target target = targets.optionalChannel(r);
            int level = (int) r.requiredLong("unpushLevel");
            if (!List.of(-1, 0, 1, 2, 4, 5).contains(level)) {
                throw ImException.invalidParameter("unpushLevel must be -1, 0, 1, 2, 4 or 5");
            }
            directory.levels().setGroupLevel(target.groupId(), target.channelId(), level);
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/notdisturb/get.json", r -> {
            Target target = targets.optionalChannel(r);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("groupId", target.groupId());
            fields.put("busChannel", target.channelId());
            fields.put("unpushLevel", directory.levels().groupLevel(target.groupId(), target.channelId()).orElse(0));
            return new ApiResponse(fields);
        });
    }

    private ApiResponse banned(ApiRequest r, boolean on) {
        Target target = targets.optionalChannel(r);
        for (String user : users(r)) {
            directory.mutes().setBanned(target.groupId(), target.channelId(), user, on);
        }
        return ApiResponse.ok();
    }

    private ApiResponse whitelist(ApiRequest r, boolean on) {
        Target target = targets.optionalChannel(r);
        for (String user : users(r)) {
            directory.mutes().setWhitelisted(target.groupId(), target.channelId(), user, on);
        }
        return ApiResponse.ok();
    }
}
