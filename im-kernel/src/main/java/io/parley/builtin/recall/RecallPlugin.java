package io.parley.builtin.recall;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.MessageView;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ServerApiRoute;
import java.time.Duration;
import java.util.List;

/**
 * Recall, a built-in plugin: the interceptor that checks and marks every {@code RC:RcCmd} (from a device or the server
 * API), the view that serves a recalled message as its {@code RC:RcNtf} wherever messages are read back, and
 * {@code /message/recall.json}. Reads {@code message.recall-window} (2 minutes): how long after sending a sender may
 * recall.
 */
public final class RecallPlugin implements ImPlugin {
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        RecallMarks marks = new RecallMarks(context.storage().metadata());
        Duration window = context.rootConfig().getDuration("message.recall-window", DEFAULT_WINDOW);
        RecallInterceptor interceptor = new RecallInterceptor(context.conversations(), marks, context.clock(), window);
        RecallApi api = new RecallApi(context.publisher(), context.conversations());
        return new PluginInstance() {
            @Override
            public List<MessageInterceptor> interceptors() {
                return List.of(interceptor);
            }

            @Override
            public List<MessageView> messageViews() {
                return List.of(marks);
            }

            @Override
            public List<ServerApiRoute> serverApiRoutes() {
                return api.routes();
            }
        };
    }
}
