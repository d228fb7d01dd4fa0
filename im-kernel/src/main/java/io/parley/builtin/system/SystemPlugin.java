package io.parley.builtin.system;

import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ServerApiRoute;
import io.parley.api.storage.RetentionCutoffs;
import java.util.List;

/**
 * System conversations and broadcasts as a built-in plugin ({@code system}): the system business type
 * ({@link SystemBusinessType}), its server API ({@link SystemMessageApi}: {@code /message/system/publish.json},
 * {@code /message/system/publish_template.json}, {@code /message/broadcast.json},
 * {@code /message/online/broadcast.json}, {@code /message/broadcast/recall.json}), and the {@link BroadcastLog},
 * forgotten after each retention sweep as the broadcasts' copies expire. It reads no config of its own (system
 * messages are kept for {@code retention.private.*}, applied by the kernel's sweep).
 */
public final class SystemPlugin implements ImPlugin {
    public static final String NAME = "system";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new Instance(context);
    }

    private static final class Instance implements PluginInstance {
        private final BroadcastLog broadcasts;
        private final SystemMessageApi api;

        Instance(PluginContext context) {
            this.broadcasts = new BroadcastLog(context.storage().metadata());
            this.api = new SystemMessageApi(context.publisher(), context.users(), context.online(), broadcasts);
        }

        @Override
        public List<BusinessType> businessTypes() {
            return List.of(new SystemBusinessType());
        }

        @Override
        public List<ServerApiRoute> serverApiRoutes() {
            return api.routes();
        }

        @Override
        public void retentionSwept(RetentionCutoffs cutoffs) {
            broadcasts.expire(cutoffs);
        }
    }
}
