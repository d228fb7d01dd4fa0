package io.parley.builtin;

import io.parley.api.plugin.ImPlugin;
import io.parley.builtin.conversation.ConversationPlugin;
import io.parley.builtin.receipt.ReceiptPlugin;
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
        return List.of(new ConversationPlugin(), new ReceiptPlugin());
    }
}
