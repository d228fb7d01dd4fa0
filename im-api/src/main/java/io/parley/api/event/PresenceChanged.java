package io.parley.api.event;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Platform;

/**
 * A device came online, went offline or logged out.
 *
 * @param clientIp {@code ip:port}
 * @param sessionId one connection's id, distinguishing a user's devices
 */
public record PresenceChanged(String userId, String deviceId, Status status, Platform platform, String clientIp,
        String sessionId, long timestamp) implements ImEvent {

    /** RongCloud's numbering for the online-status webhook. */
    public enum Status {
        ONLINE(0), OFFLINE(1), LOGOUT(2);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public PresenceChanged {
        requireNonNull(userId, "userId is null");
        requireNonNull(deviceId, "deviceId is null");
        requireNonNull(status, "status is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(clientIp, "clientIp is null");
        requireNonNull(sessionId, "sessionId is null");
    }
}
