package io.parley.plugin.push.spi;

import static java.util.Objects.requireNonNull;

/**
 * A device to notify, as registered by its app.
 *
 * @param token the vendor's device token (APNs hex token, FCM registration token, regId, pushId)
 * @param appId the app's package name or bundle id; APNs uses it as the topic
 * @param sandbox true for a development build (APNs sandbox host)
 */
public record PushTarget(String token, String appId, boolean sandbox) {
    public PushTarget {
        requireNonNull(token, "token is null");
        requireNonNull(appId, "appId is null");
    }
}
