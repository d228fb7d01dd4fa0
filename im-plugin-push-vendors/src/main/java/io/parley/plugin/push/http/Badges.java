package io.parley.plugin.push.http;

import io.parley.plugin.push.spi.PushNotification;
import java.util.LinkedHashMap;
import java.util.Map;

/** The badge for vendors without a badge field (Xiaomi, OPPO, vivo, Meizu): it travels in the payload. */
public final class Badges {
    private Badges() {
    }

    /** The notification's payload, with {@code badge} added when the notification sets one. */
    public static Map<String, String> inPayload(PushNotification notification) {
        Map<String, String> data = new LinkedHashMap<>(notification.data());
        if (notification.badge() >= 0) {
            data.put("badge", String.valueOf(notification.badge()));
        }
        return data;
    }
}
