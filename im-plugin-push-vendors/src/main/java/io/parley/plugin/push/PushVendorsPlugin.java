package io.parley.plugin.push;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.push.spi.PushProviderFactory;
import io.parley.plugin.push.vendor.apns.ApnsPushProviderFactory;
import io.parley.plugin.push.vendor.fcm.FcmPushProviderFactory;
import io.parley.plugin.push.vendor.honor.HonorPushProviderFactory;
import io.parley.plugin.push.vendor.huawei.HuaweiPushProviderFactory;
import io.parley.plugin.push.vendor.meizu.MeizuPushProviderFactory;
import io.parley.plugin.push.vendor.oppo.OppoPushProviderFactory;
import io.parley.plugin.push.vendor.vivo.VivoPushProviderFactory;
import io.parley.plugin.push.vendor.xiaomi.XiaomiPushProviderFactory;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The push plugin: offline push through the mobile vendors. It contributes one named
 * {@linkplain PushProviderFactory factory} per vendor ({@code apns}, {@code fcm}, {@code xiaomi}, …), of which
 * {@code push.vendors} turns some on; a listener that turns the kernel's
 * {@link io.parley.api.event.PushRequested} into queued sends; the {@code push.register} and
 * {@code push.unregister} client commands; and the {@code /push.json}, {@code /push/user.json},
 * {@code /push/stats.json}, {@code /user/tag/*} and {@code /user/blockPushPeriod/*} routes. See
 * {@code docs/plugins/push.md}.
 *
 * <p>Its one field is a cache: the getters share one runtime per context, built on the starting thread by the
 * first getter that needs it.
 */
public final class PushVendorsPlugin implements ImPlugin {
    private final Map<PluginContext, PushRuntime> runtimes = new IdentityHashMap<>();

    /** Also the prefix of this plugin's config keys ({@code push.*}). */
    @Override
    public String name() {
        return "push";
    }

    /** Every vendor adapter this plugin has. */
    public static List<PushProviderFactory> pushFactories() {
        return List.of(new ApnsPushProviderFactory(), new FcmPushProviderFactory(), new HuaweiPushProviderFactory(), new HonorPushProviderFactory(),
                new XiaomiPushProviderFactory(), new OppoPushProviderFactory(), new VivoPushProviderFactory(),
                new MeizuPushProviderFactory());
    }

    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.copyOf(pushFactories());
    }

    @Override
    public List<ImEventListener> listeners(PluginContext context) {
        return runtime(context).listeners();
    }

    @Override
    public List<ClientCommand> clientCommands(PluginContext context) {
        return runtime(context).commands();
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes(PluginContext context) {
        return runtime(context).routes();
    }

    private PushRuntime runtime(PluginContext context) {
        synchronized (runtimes) {
            return runtimes.computeIfAbsent(context, ctx -> new PushRuntime(ctx, pushFactories()));
        }
    }
}
