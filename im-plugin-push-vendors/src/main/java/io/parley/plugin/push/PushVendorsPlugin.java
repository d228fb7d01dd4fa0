package io.parley.plugin.push;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.plugin.ProviderFactory;
import io.parley.plugin.push.spi.PushProviderFactory;
import io.parley.plugin.push.vendor.apns.ApnsPushProviderFactory;
import io.parley.plugin.push.vendor.fcm.FcmPushProviderFactory;
import io.parley.plugin.push.vendor.honor.HonorPushProviderFactory;
import io.parley.plugin.push.vendor.huawei.HuaweiPushProviderFactory;
import io.parley.plugin.push.vendor.meizu.MeizuPushProviderFactory;
import io.parley.plugin.push.vendor.oppo.OppoPushProviderFactory;
import io.parley.plugin.push.vendor.vivo.VivoPushProviderFactory;
import io.parley.plugin.push.vendor.xiaomi.XiaomiPushProviderFactory;
import java.util.List;

/**
 * The push plugin: offline push through the mobile vendors. It contributes one named
 * {@linkplain PushProviderFactory factory} per vendor ({@code apns}, {@code fcm}, {@code xiaomi}, …), of which
 * {@code push.vendors} turns some on; a listener that turns the kernel's
 * {@link io.parley.api.event.PushRequested} into queued sends; the {@code push.register} and
 * {@code push.unregister} client commands; and the {@code /push.json}, {@code /push/user.json},
 * {@code /push/stats.json}, {@code /user/tag/*} and {@code /user/blockPushPeriod/*} routes. See
 * {@code docs/plugins/push.md}.
 *
 * <p>The plugin makes one {@link PushRuntime} per server.
 */
public final class PushVendorsPlugin implements ImPlugin {
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
    public PluginInstance create(PluginContext context) {
        return new PushRuntime(context, pushFactories());
    }
}
