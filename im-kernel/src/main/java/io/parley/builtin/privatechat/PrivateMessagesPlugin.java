package io.parley.builtin.privatechat;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * The server API's private publish endpoints as a built-in plugin ({@code private-messages}):
 * {@code /message/private/publish.json}, {@code /statusmessage/private/publish.json} and
 * {@code /message/private/publish_template.json} ({@link PrivateMessageApi}). The private conversation type itself
 * stays in the kernel. It reads no config.
 */
public final class PrivateMessagesPlugin implements ImPlugin {
    public static final String NAME = "private-messages";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        PrivateMessageApi api = new PrivateMessageApi(context.publisher());
        return new PluginInstance() {
            @Override
            public List<ServerApiRoute> serverApiRoutes() {
                return api.routes();
            }
        };
    }
}
