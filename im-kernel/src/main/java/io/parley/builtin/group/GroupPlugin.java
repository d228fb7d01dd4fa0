package io.parley.builtin.group;

import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups, built in: the {@code group} business type (read diffusion: one log per group, read by its members from
 * their join time on), membership, mutes and push aliases kept in the metadata store, the {@code RC:GrpNtf}
 * notifications of membership changes, the server API's {@code /group/*} endpoints, {@code /user/group/query.json},
 * {@code /message/group/publish.json} and {@code /statusmessage/group/publish.json}, and the client command
 * {@code group.info}. Config: {@code group.max-members}, {@code group.notifications}, {@code group.history-before-join}
 * ({@link GroupSettings}).
 */
public final class GroupPlugin implements ImPlugin {
    public static final String NAME = "group";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        GroupSettings settings = GroupSettings.read(context.config());
        GroupDirectory groups = new GroupDirectory(context.storage().metadata(), settings.maxMembers());
        GroupMutes mutes = new GroupMutes(context.storage().metadata(), context.clock());
        GroupRemarks remarks = new GroupRemarks(context.storage().metadata());
        GroupNotifier notifier = new GroupNotifier(context.publisher(), settings.notifications());
        GroupBusinessType businessType = new GroupBusinessType(groups, mutes, remarks, settings.historyBeforeJoin());
        List<ServerApiRoute> routes = new ArrayList<>();
        routes.addAll(new GroupApi(groups, notifier, context.clock()).routes());
        routes.addAll(new GroupMuteApi(mutes).routes());
        routes.addAll(new GroupRemarkApi(remarks, groups).routes());
        routes.addAll(new GroupMessageApi(context.publisher()).routes());
        List<ClientCommand> commands = List.of(new GroupInfoCommand(groups).command());
        return new PluginInstance() {
            @Override
            public List<BusinessType> businessTypes() {
                return List.of(businessType);
            }

            @Override
            public List<ServerApiRoute> serverApiRoutes() {
                return routes;
            }

            @Override
            public List<ClientCommand> clientCommands() {
                return commands;
            }
        };
    }
}
