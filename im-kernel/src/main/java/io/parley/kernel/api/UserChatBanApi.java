package io.parley.kernel.api;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.user.PrivateChatBans;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Banning users from private chats: {@code /user/chat/fb/set.json} ({@code userId} repeated or comma-joined, up to
 * 1000; {@code state} 1 bans, 0 lifts; {@code type} {@code PERSON}, the only type RongCloud has) and
 * {@code /user/chat/fb/querylist.json} ({@code type} {@code PERSON}; {@code num} 1–200, default 100;
 * {@code offset} from 0, default 0; answers {@code total} and {@code users}, in id order). A banned user's private
 * sends from a device are refused with {@code FORBIDDEN_IN_PRIVATE} (20106) until lifted; it still receives, and
 * the server API may still send as it. Runs on server-API workers; blocks on storage.
 */
public final class UserChatBanApi implements KernelRoutes {
    /** The one conversation type RongCloud's private-chat ban knows: private chats. */
    static final String PERSON = "PERSON";
    static final int MAX_USERS_PER_CALL = 1000;
    static final int DEFAULT_NUM = 100;
    static final int MAX_NUM = 200;

    private final PrivateChatBans bans;
    private final Clock clock;

    @Inject
    public UserChatBanApi(PrivateChatBans bans, Clock clock) {
        this.bans = requireNonNull(bans, "bans is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/user/chat/fb/set.json", this::set),
                new FunctionRoute("/user/chat/fb/querylist.json", this::query));
    }

    private ApiResponse set(ApiRequest request) {
        List<String> userIds = request.userIds("userId", MAX_USERS_PER_CALL);
        String state = request.required("state").trim();
        if (!state.equals("0") && !state.equals("1")) {
            throw ImException.invalidParameter("state must be 1 (ban) or 0 (lift the ban)");
        }
        requirePerson(request);
        long now = clock.millis();
        for (String userId : userIds) {
            if (state.equals("1")) {
                bans.ban(userId, now);
            } else {
                bans.lift(userId);
            }
        }
        return ApiResponse.ok();
    }

    private ApiResponse query(ApiRequest request) {
        requirePerson(request);
        long num = request.longValue("num", DEFAULT_NUM);
        long offset = request.longValue("offset", 0);
        if (num < 1 || num > MAX_NUM) {
            throw ImException.invalidParameter("num must be 1 to " + MAX_NUM);
        }
        if (offset < 0) {
            throw ImException.invalidParameter("offset must be at least 0");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", bans.count());
        answer.put("users", bans.page(offset, (int) num));
        return new ApiResponse(answer);
    }

    private static void requirePerson(ApiRequest request) {
        String type = request.required("type");
        if (!type.trim().toUpperCase(Locale.ROOT).equals(PERSON)) {
            throw ImException.invalidParameter("type must be PERSON (private chats), not " + type);
        }
    }
}
