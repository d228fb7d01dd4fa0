package io.parley.builtin;

import io.parley.api.plugin.ImPlugin;
import io.parley.builtin.conversation.ConversationPlugin;
import io.parley.builtin.expansion.ExpansionPlugin;
import io.parley.builtin.group.GroupPlugin;
import io.parley.builtin.history.HistoryPlugin;
import io.parley.builtin.privatechat.PrivateMessagesPlugin;
import io.parley.builtin.recall.RecallPlugin;
import io.parley.builtin.receipt.ReceiptPlugin;
import io.parley.builtin.system.SystemPlugin;
import java.util.List;

/**
 * The features every Parley server has, written as plugins on the public SPI (im-api) like any outside plugin: each
 * package under {@code io.parley.builtin} is one plugin, and none reaches into the kernel ({@code io.parley.kernel}),
 * which knows them only through this list. The server loads them before the plugins it discovers, in this order
 * (each after those it names in {@code dependsOn}).
 */
public final class BuiltinPlugins {
    private BuiltinPlugins() {
    }

    /** A new instance of each built-in plugin, in load order. */
    public static List<ImPlugin> all() {
        return List.of(new PrivateMessagesPlugin(), new GroupPlugin(), new SystemPlugin(), new RecallPlugin(),
                new ExpansionPlugin(), new ReceiptPlugin(), new ConversationPlugin(), new HistoryPlugin());
    }
}
