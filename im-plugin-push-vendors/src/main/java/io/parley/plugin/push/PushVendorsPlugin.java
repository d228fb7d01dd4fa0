package io.parley.plugin.push;

import io.parley.api.plugin.ImPlugin;

/**
 * The push plugin: adapters for the mobile push vendors (APNs, FCM, Huawei, Honor, Xiaomi, OPPO, vivo,
 * Meizu). It will contribute one push {@linkplain io.parley.api.plugin.ProviderFactory provider factory} per
 * vendor ({@code apns}, {@code fcm}, ...), chosen by config under the {@code push.} prefix, and a listener that
 * pushes to devices that are offline.
 *
 * <p>This is a shell until its issue lands: it only names itself and contributes nothing yet.
 */
public final class PushVendorsPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code push.*}). */
    @Override
    public String name() {
        return "push";
    }
}
