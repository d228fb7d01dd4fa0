package io.parley.builtin.conversation;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * {@code /conversation/notification/set.json} and {@code get.json} (do-not-disturb per conversation; the user
 * is named by {@code requestId}, as RongCloud does) and {@code /conversation/top/set.json} (pin).
 */
public final class ConversationApi {
    private final ConversationStates states;

    public ConversationApi(ConversationStates states) {
        this.states = states;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/conversation/notification/set.json", this::setNotification),
                new FunctionRoute("/conversation/notification/get.json", this::getNotification),
                new FunctionRoute("/conversation/top/set.json", this::setTop));
    }

    private ApiResponse setNotification(ApiRequest request) {
        String user = UserId.of(request.required("requestId")).value();
        // SDK 3.3.1 sends unpushLevel=0 beside isMuted: a non-zero level wins, else isMuted means "blocked" (5)
        int given = (int) request.longValue("unpushLevel", 0);
        int level = given != 0 ? given : request.bool("isMuted", false) ? 5 : 0;
        if (level < -1 || level > 5) {
            throw ImException.invalidParameter("unpushLevel must be -1 to 5");
        }
        states.update(user, type(request), request.required("targetId"), state -> state.withUnpushLevel(level));
        return ApiResponse.ok();
    }

    private ApiResponse getNotification(ApiRequest request) {
        String user = UserId.of(request.required("requestId")).value();
        int level = states.get(user, type(request), request.required("targetId")).unpushLevel();
        return ApiResponse.of("isMuted", level == 5 ? 1 : 0, "unpushLevel", level);
    }

    private ApiResponse setTop(ApiRequest request) {
        String user = UserId.of(request.required("userId")).value();
        boolean top = request.bool("setTop", true);
        states.update(user, type(request), request.required("targetId"), state -> state.withPinned(top));
        return ApiResponse.ok();
    }

    private static ConversationType type(ApiRequest request) {
        return request.conversationType();
    }
}
