package io.parley.builtin.expansion;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * Message expansion as a built-in plugin ({@code expansion}): a key-value map on a stored message
 * ({@link ExpansionService}), set and read through RongCloud's server API ({@code /message/expansion/*.json},
 * {@code /ultragroup/message/expansion/*.json}) and the client commands {@code message.expansion.set/delete/query}.
 * It reads no config. Its change messages ({@code Parley:ExpansionChange}) stay a kernel message type, as the
 * ultragroup plugin sends them too.
 */
public final class ExpansionPlugin implements ImPlugin {
    public static final String NAME = "expansion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new Instance(context);
    }

    private static final class Instance implements PluginInstance {
        private final ExpansionApi api;
        private final ExpansionCommands commands;

        Instance(PluginContext context) {
            ExpansionService expansions = new ExpansionService(context.storage().metadata(), context.conversations(),
                    context.publisher(), context.clock());
            this.api = new ExpansionApi(expansions, context.conversations());
            this.commands = new ExpansionCommands(expansions);
        }

        @Override
        public List<ServerApiRoute> serverApiRoutes() {
            return api.routes();
        }

        @Override
        public List<ClientCommand> clientCommands() {
            return commands.commands();
        }
    }
}
