package io.parley.plugin.push.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a device shows, vendor-neutral.
 *
 * @param pushId the id the stats query knows this push by
 * @param title the notification's title
 * @param body the notification's text
 * @param badge the app icon's badge, or -1 to leave it alone
 * @param data the payload the app receives with it (string keys and values, as FCM requires)
 * @param ttlSeconds how long the vendor may keep it for an unreachable device
 * @param collapseId notifications with one collapse id replace each other; empty for none
 */
public record PushNotification(String pushId, String title, String body, int badge, Map<String, String> data,
        long ttlSeconds, String collapseId) {
    public PushNotification {
        requireNonNull(pushId, "pushId is null");
        requireNonNull(title, "title is null");
        requireNonNull(body, "body is null");
        data = Map.copyOf(data);
        requireNonNull(collapseId, "collapseId is null");
    }
}
