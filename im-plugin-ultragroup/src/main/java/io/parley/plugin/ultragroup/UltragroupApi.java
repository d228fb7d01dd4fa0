package io.parley.plugin.ultragroup;

import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /ultragroup/...} server API and {@code /message/ultragroup/publish.json}, with RongCloud's
 * parameters and field types (see {@code docs/plugins/ultragroup.md}), assembled from one class per subject:
 * {@link GroupRoutes}, {@link ChannelRoutes}, {@link UserGroupRoutes}, {@link ModerationRoutes} and
 * {@link MessageRoutes}. Recall ({@code /message/recall.json} with {@code busChannel}) and expansion
 * ({@code /ultragroup/message/expansion/*}) are the kernel's.
 */
final class UltragroupApi {
    private final Ultragroups ultragroups;
    private final PluginContext context;

    UltragroupApi(Ultragroups ultragroups, PluginContext context) {
        this.ultragroups = ultragroups;
        this.context = context;
    }

    List<ServerApiRoute> routes() {
        ApiTargets targets = new ApiTargets(ultragroups);
        List<ServerApiRoute> routes = new ArrayList<>();
        new GroupRoutes(ultragroups).addTo(routes);
        new ChannelRoutes(ultragroups, targets).addTo(routes);
        new UserGroupRoutes(ultragroups, targets).addTo(routes);
        new ModerationRoutes(ultragroups, targets).addTo(routes);
        new MessageRoutes(ultragroups, context).addTo(routes);
        return routes;
    }
}
