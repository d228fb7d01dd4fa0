package io.parley.builtin.conversation;

import io.parley.api.model.Message;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.OfflineHook;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import java.time.Clock;
import java.util.List;

/**
 * The conversation list and each user's state of each conversation (pin, do-not-disturb, read position, deletion, the
 * other user's read receipt in a private chat), and what that state decides: the offline pushes. Contributes
 * <ul>
 *   <li>the client commands {@code conversation.list}, {@code conversation.read}, {@code conversation.delete},
 *       {@code conversation.pin} ({@link ConversationCommands}), whose changes reach the user's other devices as
 *       {@code conversation.changed} events ({@link ConversationStates});</li>
 *   <li>the server API {@code /conversation/notification/set.json}, {@code get.json} and
 *       {@code /conversation/top/set.json} ({@link ConversationApi});</li>
 *   <li>two interceptors that keep read positions, after every other interceptor: {@code kernel.read-sync}
 *       ({@code RC:SRSMsg}, a device's read position for the user's other devices) and {@code kernel.peer-read}
 *       ({@code RC:ReadNtf}, a private read receipt kept for the other user's devices);</li>
 *   <li>the offline hook that asks for a push for each offline recipient with their do-not-disturb level and unread
 *       badge ({@link OfflinePushRequester}).</li>
 * </ul>
 * It reads no keys of its own; the list reads inboxes within the offline window ({@code retention.private.offline},
 * {@code retention.group.offline}: {@code PluginContext.syncWindow()}). Its state is kept in the metadata namespace
 * {@code kernel.conversations}, as before it was a plugin.
 */
public final class ConversationPlugin implements ImPlugin {
    public static final String NAME = "conversation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        Clock clock = context.clock();
        ConversationService conversations = context.conversations();
        ConversationStates states = new ConversationStates(context.storage().metadata(), context.online());
        ConversationListService list = new ConversationListService(context.storage().messages(), states,
                conversations, clock, context.syncWindow());
        OfflinePushRequester pushes = new OfflinePushRequester(states, list, context::requestPush,
                context::pushHeard, conversations::senderAlias, clock, context.metrics());
        List<MessageInterceptor> interceptors = List.of(new ReadSyncInterceptor(states),
                new PeerReadInterceptor(states, clock));
        List<ClientCommand> commands = new ConversationCommands(list, states, clock).commands();
        List<ServerApiRoute> routes = new ConversationApi(states).routes();
        return new PluginInstance() {
            @Override
            public List<MessageInterceptor> interceptors() {
                return interceptors;
            }

            @Override
            public List<ClientCommand> clientCommands() {
                return commands;
            }

            @Override
            public List<ServerApiRoute> serverApiRoutes() {
                return routes;
            }

            @Override
            public List<OfflineHook> offlineHooks() {
                return List.of(pushes);
            }

            /** Stops the push requester's thread (after the listeners have drained, before storage closes). */
            @Override
            public void close() {
                pushes.close();
            }
        };
    }
}
