package io.parley.api.plugin;

import io.parley.api.model.Platform;

/**
 * Decides whether an authenticated device may connect: bans, account states. Called once per CONNECT, after
 * the token is verified and before the session is registered, on a kernel worker thread; it may block
 * briefly on storage. Throw {@code ImException} to refuse: the device gets CONNACK with that code (for a ban,
 * {@code USER_BLOCKED} 31009) and is disconnected.
 */
public interface ConnectionGuard {

    String name();

    void checkConnect(String userId, String deviceId, Platform platform, String clientIp);
}
