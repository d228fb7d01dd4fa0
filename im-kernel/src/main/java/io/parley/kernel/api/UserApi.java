package io.parley.kernel.api;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.cluster.ClusterRouter;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.user.UserDirectory;
import io.parley.kernel.user.UserProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /user/*} endpoints: tokens, profiles, online status, token expiry, and Parley's own
 * {@code /user/kick.json} (disconnects a user's devices, or one of them, without expiring anything).
 */
public final class UserApi implements KernelRoutes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_EXPIRE_USERS = 20;

    private final TokenService tokens;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final ClusterRouter cluster;
    private final Clock clock;

    @Inject
    public UserApi(TokenService tokens, UserDirectory users, SessionRegistry sessions, ClusterRouter cluster,
            Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.sessions = sessions;
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/user/getToken.json", this::getToken),
                new FunctionRoute("/user/refresh.json", this::refresh),
                new FunctionRoute("/user/info.json", this::info),
                new FunctionRoute("/user/checkOnline.json", this::checkOnline),
                new FunctionRoute("/user/token/expire.json", this::expireTokens),
                new FunctionRoute("/user/kick.json", this::kick));
    }

    private ApiResponse getToken(ApiRequest request) {
        String userId = userId(request);
        users.upsert(userId, limited(request, "name", 128), limited(request, "portraitUri", 1024), clock.millis());
        return ApiResponse.of("userId", userId, "token", tokens.issue(userId));
    }

    private ApiResponse refresh(ApiRequest request) {
        String userId = userId(request);
        users.upsert(userId, limited(request, "name", 128), limited(request, "portraitUri", 1024), clock.millis());
        return ApiResponse.ok();
    }

    private ApiResponse info(ApiRequest request) {
        String userId = userId(request);
        UserProfile profile = users.find(userId)
                .orElseThrow(() -> ImException.invalidParameter("unknown userId: " + userId));
        return new ApiResponse(Map.of("userName", profile.name(), "userPortrait", profile.portraitUri(),
                "createTime", TIME.format(Instant.ofEpochMilli(profile.createTime()))));
    }

    private ApiResponse checkOnline(ApiRequest request) {
        return ApiResponse.of("status", isOnline(userId(request)) ? "1" : "0");
    }

    private ApiResponse expireTokens(ApiRequest request) {
        List<String> userIds = request.userIds("userId", MAX_EXPIRE_USERS);
        long time = request.requiredLong("time");
        for (String userId : userIds) {
            tokens.expireTokens(userId, time);
            sessions.kickTokensIssuedBefore(userId, time);
            if (cluster.distributed()) {
                cluster.expireTokensElsewhere(userId, time);
            }
        }
        return ApiResponse.ok();
    }

    /**
     * Parley's own: {@code userId}, and optionally {@code deviceId}. Sends KICKED (31010) to the user's devices, or to
     * the one device named, and closes their connections; they may connect again (block the user, or expire their
     * tokens, to keep them out). Without {@code deviceId} the devices on every node are kicked; with it, the device on
     * this node (the node that answers the call), since device ids are not shared between nodes. Answers
     * {@code kicked}: how many devices this node kicked.
     */
    private ApiResponse kick(ApiRequest request) {
        String userId = userId(request);
        Optional<String> deviceId = request.optional("deviceId");
        String reason = "kicked by the app server";
        int kicked = 0;
        for (io.parley.kernel.session.Session session : sessions.sessions(userId)) {
            if (deviceId.isEmpty() || session.deviceId().equals(deviceId.get())) {
                session.kick(StandardErrorCode.KICKED.code(), reason);
                kicked++;
            }
        }
        if (deviceId.isEmpty() && cluster.distributed()) {
            cluster.kickElsewhere(userId, StandardErrorCode.KICKED.code(), reason);
        }
        return ApiResponse.of("kicked", kicked);
    }

    /** Online on this node, or (with several nodes) on any live node of the cluster. */
    private boolean isOnline(String userId) {
        return cluster.distributed() ? cluster.isOnlineAnywhere(userId) : sessions.isOnline(userId);
    }

    private static String userId(ApiRequest request) {
        return UserId.of(request.required("userId")).value();
    }

    private static Optional<String> limited(ApiRequest request, String name, int maxBytes) {
        Optional<String> value = request.optional(name);
        if (value.isPresent() && value.get().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ImException.invalidParameter(name + " must be at most " + maxBytes + " bytes");
        }
        return value;
    }
}
