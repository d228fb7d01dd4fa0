package io.parley.plugin.ultragroup;

import io.parley.api.route.ApiRequest;

/**
 * Reads the group and channel a server-API request names ({@code groupId}, {@code busChannel}) and checks that they
 * exist, failing with the plugin's error codes when not. Blocks on storage.
 */
final class ApiTargets {
    private final Ultragroups ultragroups;
    private final Directory directory;

    ApiTargets(Ultragroups ultragroups) {
        this.ultragroups = ultragroups;
        this.directory = ultragroups.directory();
    }

    String group(ApiRequest r) {
        String groupId = r.required("groupId");
        directory.groups().requireGroup(groupId);
        return groupId;
    }

    Target channel(ApiRequest r) {
        Target target = Target.of(r.required("groupId"), r.required("busChannel"));
        directory.groups().requireGroup(target.groupId());
        return target;
    }

    Target optionalChannel(ApiRequest r) {
        Target target = Target.of(r.required("groupId"), r.optional("busChannel").orElse(""));
        directory.groups().requireGroup(target.groupId());
        if (!target.isDefault()) {
            ultragroups.requireChannel(target.groupId(), target.channelId());
        }
        return target;
    }
}
