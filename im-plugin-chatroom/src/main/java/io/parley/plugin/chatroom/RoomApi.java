package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Room lifecycle endpoints: {@code /chatroom/create.json} (legacy, {@code chatroom[id]=name}),
 * {@code /chatroom/create_new.json}, {@code /chatroom/destroy.json}, {@code /chatroom/destroy/set.json},
 * {@code /chatroom/query.json} (legacy) and {@code /chatroom/get.json}. Run on server-API worker threads.
 */
final class RoomApi {
    private static final Pattern BRACKET = Pattern.compile("chatroom\\[(.+)]");
    private static final long MIN_DESTROY_MINUTES = 60;
    private static final long MAX_DESTROY_MINUTES = 10_080;

    private final ChatroomRegistry registry;
    private final ChatroomSettings settings;
    private final Clock clock;

    RoomApi(ChatroomRegistry registry, ChatroomSettings settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/create.json", this::create),
                new FunctionRoute("/chatroom/create_new.json", this::createNew),
                new FunctionRoute("/chatroom/destroy.json", this::destroy),
                new FunctionRoute("/chatroom/destroy/set.json", this::setDestroy),
                new FunctionRoute("/chatroom/query.json", this::query),
                new FunctionRoute("/chatroom/get.json", this::get));
    }

    private ApiResponse create(ApiRequest request) {
        Map<String, String> named = new LinkedHashMap<>();
        request.params().forEach((key, values) -> {
            Matcher matcher = BRACKET.matcher(key);
            if (matcher.matches()) {
                named.put(ApiFormats.roomId(matcher.group(1)), values.isEmpty() ? "" : values.get(0));
            }
        });
        if (named.isEmpty()) {
            throw ImException.invalidParameter("chatroom[<id>]=<name> is required");
        }
        named.forEach((id, name) -> registry.create(id, name).rename(name));
        return ApiResponse.ok();
    }

    private ApiResponse createNew(ApiRequest request) {
        String roomId = ApiFormats.roomId(request.required("chatroomId"));
        RoomLifetime lifetime = lifetime(request, null);
        Room room = registry.create(roomId, roomId);
        if (lifetime != null) {
            room.setLifetime(lifetime);
        }
        if (request.bool("isBan", false)) {
            room.setBanned(true);
        }
        room.banWhitelist(request.list("whiteUserIds"), true);
        request.optional("entryInfo").ifPresent(info -> {
            String owner = request.required("entryOwnerId");
            Map<String, String> values = FlatJson.parseObject("entryInfo", info);
            registry.notifyEntries(room, room.setEntries(values, owner, false, true, false,
                    clock.millis()), "set");
        });
        return ApiResponse.ok();
    }

    private ApiResponse destroy(ApiRequest request) {
        List<String> ids = request.list("chatroomId");
        if (ids.isEmpty()) {
            throw ImException.invalidParameter("chatroomId is required");
        }
        ids.forEach(id -> registry.destroy(id, "api"));
        return ApiResponse.ok();
    }

    private ApiResponse setDestroy(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        room.setLifetime(lifetime(request, room.lifetime()));
        return ApiResponse.ok();
    }

    /** The legacy query: {@code chatRooms:[{chrmId, name, time}]} for the rooms that exist. */
    private ApiResponse query(ApiRequest request) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String id : request.list("chatroomId")) {
            registry.find(id).ifPresent(room -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("chrmId", room.id());
                item.put("name", room.name());
                item.put("time", ApiFormats.time(room.createdAt()));
                found.add(item);
            });
        }
        return ApiResponse.of("chatRooms", found);
    }

    private ApiResponse get(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        RoomLifetime lifetime = room.lifetime();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("chatroomId", room.id());
        fields.put("createTime", room.createdAt());
        fields.put("memberCount", room.memberCount());
        fields.put("destroyType", lifetime.destroyType());
        fields.put("destroyTime", (int) lifetime.after().toMinutes());
        fields.put("ban", room.banned());
        fields.put("keepAlive", settings.keepAlive().contains(room.id()));
        return new ApiResponse(fields);
    }

    /** {@code destroyType} and {@code destroyTime} (minutes, 60–10080), or {@code fallback} when both are absent. */
    private static RoomLifetime lifetime(ApiRequest request, RoomLifetime fallback) {
        if (request.optional("destroyType").isEmpty() && request.optional("destroyTime").isEmpty()) {
            return fallback;
        }
        long type = request.longValue("destroyType", RoomLifetime.IDLE);
        long minutes = request.longValue("destroyTime", MIN_DESTROY_MINUTES);
        if (type != RoomLifetime.IDLE && type != RoomLifetime.FIXED) {
            throw ImException.invalidParameter("destroyType must be 0 or 1");
        }
        if (minutes < MIN_DESTROY_MINUTES || minutes > MAX_DESTROY_MINUTES) {
            throw ImException.invalidParameter("destroyTime must be " + MIN_DESTROY_MINUTES + " to "
                    + MAX_DESTROY_MINUTES + " minutes");
        }
        return new RoomLifetime((int) type, Duration.ofMinutes(minutes));
    }
}
