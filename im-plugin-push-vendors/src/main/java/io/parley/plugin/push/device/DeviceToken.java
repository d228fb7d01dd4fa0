package io.parley.plugin.push.device;

import static java.util.Objects.requireNonNull;

import io.parley.plugin.push.spi.PushTarget;

/**
 * A device's push registration.
 *
 * @param vendor the adapter that reaches it ({@code apns}, {@code fcm}, …)
 * @param appId the app's package name or bundle id
 * @param sandbox true for a development build
 * @param registeredAt when it was (last) registered, epoch milliseconds
 */
public record DeviceToken(String userId, String vendor, String token, String appId, boolean sandbox,
        long registeredAt) {
    public DeviceToken {
        requireNonNull(userId, "userId is null");
        requireNonNull(vendor, "vendor is null");
        requireNonNull(token, "token is null");
        requireNonNull(appId, "appId is null");
    }

    public PushTarget target() {
        return new PushTarget(token, appId, sandbox);
    }
}
