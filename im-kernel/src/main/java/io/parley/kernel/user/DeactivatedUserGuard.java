package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.Platform;
import io.parley.api.plugin.ConnectionGuard;
import jakarta.inject.Inject;

/**
 * Refuses a deactivated user's CONNECT with {@code USER_DEACTIVATED} (31029, RongCloud's
 * {@code RC_CONN_USER_ABANDON}), whatever its token. The kernel runs it before the plugins' guards, on a worker
 * thread after the token is verified; it reads the metadata store.
 */
public final class DeactivatedUserGuard implements ConnectionGuard {
    private final UserDeactivations deactivations;

    @Inject
    public DeactivatedUserGuard(UserDeactivations deactivations) {
        this.deactivations = requireNonNull(deactivations, "deactivations is null");
    }

    @Override
    public String name() {
        return "kernel.deactivated-users";
    }

    @Override
    public void checkConnect(String userId, String deviceId, Platform platform, String clientIp) {
        if (deactivations.isDeactivated(userId)) {
            throw new ImException(StandardErrorCode.USER_DEACTIVATED, "the user " + userId + " is deactivated");
        }
    }
}
