package io.parley.examples.poll;

import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * Polls in any conversation: a member creates one ({@code poll.create}), members vote ({@code poll.vote}) and read
 * the tally ({@code poll.results}); the app server reads or closes one ({@code /poll/query.json},
 * {@code /poll/close.json}). The poll appears in the chat as a {@code Poll:Msg} message; each change of its tally
 * reaches every member's devices as a {@code Poll:Changed} notice, which is synced but never shown.
 *
 * <p>This class is what {@code META-INF/services/io.parley.api.plugin.ImPlugin} names: it says what the plugin is
 * and makes the one instance a server runs. It holds no state.
 */
public final class PollPlugin implements ImPlugin {

    /** The plugin's name: the prefix of its config keys ({@code poll.max-options}) and its metadata namespace. */
    static final String NAME = "poll";

    @Override
    public String name() {
        return NAME;
    }

    /** The poll as a chat message: stored, shown, counted as unread like a text. */
    @Override
    public List<MessageType> messageTypes() {
        return List.of(new MessageType(PollService.POLL_MESSAGE, MessageKind.COUNTED));
    }

    @Override
    public PluginInstance create(PluginContext context) {
        int maxOptions = context.config().getInt("max-options", 10);   // reads poll.max-options
        PollService polls = new PollService(new PollStore(context.storage().metadata(), NAME),
                context.conversations(), context.publisher(), maxOptions);
        return new PluginInstance() {
            @Override
            public List<ClientCommand> clientCommands() {
                return new PollCommands(polls).commands();
            }

            @Override
            public List<ServerApiRoute> serverApiRoutes() {
                return new PollApi(polls).routes();
            }
        };
    }
}
