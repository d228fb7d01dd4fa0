package io.parley.plugin.push.api;

import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.push.dispatch.QuietHours;
import io.parley.plugin.push.dispatch.QuietHoursStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /user/blockPushPeriod/set.json}, {@code get.json} and {@code delete.json}: a user's quiet hours. */
public final class QuietHoursApi {
    private final QuietHoursStore store;

    public QuietHoursApi(QuietHoursStore store) {
        this.store = store;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/user/blockPushPeriod/set.json", this::set),
                new FunctionRoute("/user/blockPushPeriod/get.json", this::get),
                new FunctionRoute("/user/blockPushPeriod/delete.json", this::delete));
    }

    private ApiResponse set(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        long period = request.requiredLong("period");
        if (period > Integer.MAX_VALUE) {
            throw ImException.invalidParameter("period must be 1 to 1439 minutes");
        }
        store.set(userId, new QuietHours(request.required("startTime"), (int) period,
                (int) request.longValue("level", 1)));
        return ApiResponse.ok();
    }

    private ApiResponse get(ApiRequest request) {
        String userId = UserId.of(request.required("userId")).value();
        Map<String, Object> data = new LinkedHashMap<>();
        store.get(userId).ifPresent(hours -> {
            data.put("startTime", hours.startTime());
            data.put("period", hours.periodMinutes());
            data.put("unPushLevel", hours.unPushLevel());
        });
        return ApiResponse.of("data", data);
    }

    private ApiResponse delete(ApiRequest request) {
        store.delete(UserId.of(request.required("userId")).value());
        return ApiResponse.ok();
    }
}
