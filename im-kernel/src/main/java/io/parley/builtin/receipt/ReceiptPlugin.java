package io.parley.builtin.receipt;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import java.util.List;

/**
 * Group read receipts: the interceptor {@code kernel.read-receipts} records a member's {@code RC:RRRspMsg} (after
 * every other interceptor), and the client command {@code message.receipts} tells who read a group message and when.
 * Kept in the metadata namespace {@code kernel.receipts}. (Private read receipts, {@code RC:ReadNtf}, are part of the
 * conversation state: the {@code conversation} plugin keeps them.) Reads no config keys.
 */
public final class ReceiptPlugin implements ImPlugin {
    @Override
    public String name() {
        return "receipt";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        ReadReceipts receipts = new ReadReceipts(context.storage().metadata());
        List<MessageInterceptor> interceptors = List.of(new ReceiptInterceptor(receipts, context.conversations(),
                context.clock()));
        List<ClientCommand> commands = new ReceiptCommands(receipts, context.conversations()).commands();
        return new PluginInstance() {
            @Override
            public List<MessageInterceptor> interceptors() {
                return interceptors;
            }

            @Override
            public List<ClientCommand> clientCommands() {
                return commands;
            }
        };
    }
}
