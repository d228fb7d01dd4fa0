package io.parley.kernel.api;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.message.MessageUidGenerator;
import io.parley.kernel.user.UserDeactivations;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Deactivating users, under SDK 3.3.1's names ({@code /user/abandon.json}, {@code /user/abandon/query.json},
 * {@code /user/activate.json}) and 4.x's ({@code /user/deactivate.json}, {@code /user/deactivate/query.json},
 * {@code /user/reactivate.json}, which also answer an {@code operateId}). A deactivated user's devices are KICKED
 * with {@code USER_DEACTIVATED} (31029) on every node, and its CONNECTs are refused with that code whatever the
 * token; its id, profile, messages and groups are kept, and it can still be sent messages, by devices and by the
 * server API. Reactivating lets it connect again. Both are idempotent. Runs on server-API workers; blocks on storage.
 */
public final class UserDeactivationApi implements KernelRoutes {
    /** RongCloud's limit on the user ids of one (de|re)activation call. */
    static final int MAX_USERS_PER_CALL = 100;
    /** RongCloud's bound on {@code pageSize} of the query, also its default. */
    static final int MAX_PAGE_SIZE = 50;

    private final UserDeactivations deactivations;
    private final OnlineDirectory online;
    private final MessageUidGenerator operationIds;
    private final Clock clock;

    @Inject
    public UserDeactivationApi(UserDeactivations deactivations, OnlineDirectory online, Clock clock) {
        this.deactivations = requireNonNull(deactivations, "deactivations is null");
        this.online = requireNonNull(online, "online is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.operationIds = new MessageUidGenerator();
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/user/abandon.json", request -> {
                    deactivate(request);
                    return ApiResponse.ok();
                }),
                new FunctionRoute("/user/abandon/query.json", this::query),
                new FunctionRoute("/user/activate.json", request -> {
                    reactivate(request);
                    return ApiResponse.ok();
                }),
                new FunctionRoute("/user/deactivate.json", request -> {
                    deactivate(request);
                    return operation();
                }),
                new FunctionRoute("/user/deactivate/query.json", this::query),
                new FunctionRoute("/user/reactivate.json", request -> {
                    reactivate(request);
                    return operation();
                }));
    }

    private void deactivate(ApiRequest request) {
        long now = clock.millis();
        for (String userId : userIds(request)) {
            deactivations.deactivate(userId, now);
            online.disconnect(userId, StandardErrorCode.USER_DEACTIVATED.code(), "the user is deactivated");
        }
    }

    private void reactivate(ApiRequest request) {
        userIds(request).forEach(deactivations::reactivate);
    }

    /** {@code pageNo} (from 1, default 1) and {@code pageSize} (1–50, default 50); the ids in id order. */
    private ApiResponse query(ApiRequest request) {
        long pageNo = request.longValue("pageNo", 1);
        long pageSize = request.longValue("pageSize", MAX_PAGE_SIZE);
        if (pageNo < 1) {
            throw ImException.invalidParameter("pageNo must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ImException.invalidParameter("pageSize must be 1 to " + MAX_PAGE_SIZE);
        }
        return ApiResponse.of("users", deactivations.page((pageNo - 1) * pageSize, (int) pageSize));
    }

    /** 4.x answers an id for the operation, which RongCloud's status callback would repeat; Parley has none. */
    private ApiResponse operation() {
        return ApiResponse.of("operateId", operationIds.next(clock.millis()));
    }

    /** {@code userId}: repeated or comma-joined, 1 to 100 valid ids. */
    private static List<String> userIds(ApiRequest request) {
        return request.userIds("userId", MAX_USERS_PER_CALL);
    }
}
