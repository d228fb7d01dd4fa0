package io.parley.plugin.moderation.users;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.UserId;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RongCloud's ban endpoints: {@code /user/block.json} ({@code userId} repeated, {@code minute} 1–43200; the
 * user's connected devices are disconnected with 31009), {@code /user/unblock.json} ({@code userId} repeated)
 * and {@code /user/block/query.json} ({@code page}?, {@code size}?; answers
 * {@code users:[{userId, blockEndTime}]}, the time as {@code yyyy-MM-dd HH:mm:ss} UTC). Routes run on
 * server-API workers and block on storage.
 */
public final class BanApi {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final BanStore bans;
    private final OnlineDirectory online;

    public BanApi(BanStore bans, OnlineDirectory online) {
        this.bans = requireNonNull(bans, "bans is null");
        this.online = requireNonNull(online, "online is null");
    }

    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/user/block.json", this::block),
                new FunctionRoute("/user/unblock.json", this::unblock),
                new FunctionRoute("/user/block/query.json", this::query));
    }

    private ApiResponse block(ApiRequest request) {
        List<String> userIds = userIds(request);
        long minutes = request.requiredLong("minute");
        if (minutes < 1 || minutes > BanStore.MAX_MINUTES) {
            throw ImException.invalidParameter("minute must be 1 to " + BanStore.MAX_MINUTES);
        }
        for (String userId : userIds) {
            bans.ban(userId, (int) minutes);
            online.disconnect(userId, StandardErrorCode.USER_BLOCKED.code(), "the user is blocked");
        }
        return ApiResponse.ok();
    }

    private ApiResponse unblock(ApiRequest request) {
        userIds(request).forEach(bans::unban);
        return ApiResponse.ok();
    }

    private ApiResponse query(ApiRequest request) {
        long page = Math.max(1, request.longValue("page", 1));
        long size = request.longValue("size", DEFAULT_PAGE_SIZE);
        if (size < 1 || size > 1000) {
            throw ImException.invalidParameter("size must be 1 to 1000");
        }
        List<Map<String, Object>> users = new ArrayList<>();
        bans.bans().entrySet().stream().skip((page - 1) * size).limit(size).forEach(entry -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("userId", entry.getKey());
            user.put("blockEndTime", format(entry.getValue()));
            users.add(user);
        });
        return ApiResponse.of("users", users);
    }

    static String format(Instant time) {
        return TIME.format(time);
    }

    private static List<String> userIds(ApiRequest request) {
        List<String> userIds = request.list("userId");
        if (userIds.isEmpty()) {
            throw ImException.invalidParameter("userId is required");
        }
        userIds.forEach(UserId::of);
        return userIds;
    }
}
