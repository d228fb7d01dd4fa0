package io.parley.plugin.chatroom;

import static io.parley.plugin.chatroom.ApiFormats.requiredList;

import io.parley.api.route.FunctionRoute;
import io.parley.plugin.chatroom.MemberNotice.BanType;
import java.time.Clock;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * Muting a whole room, with exceptions: {@code /chatroom/ban/add|rollback|check|query.json} and
 * {@code /chatroom/user/ban/whitelist/add|rollback|query.json}. In a muted room only whitelisted members may
 * send; the others get 23408; with several nodes a room's mute reaches every node ({@link RoomPeers}), its
 * whitelist does not. {@code check} answers {@code status} as an int (1 muted, 0 not). With {@code needNotify=true}
 * the room's members are told of each change ({@link MemberNotices}). Run on server-API worker threads.
 */
final class BanApi {
    private final ChatroomRegistry registry;
    private final RoomPeers peers;
    private final Clock clock;
    private final MemberNotices notices;

    BanApi(ChatroomRegistry registry, RoomPeers peers, Clock clock, MemberNotices notices) {
        this.registry = registry;
        this.peers = peers;
        this.clock = clock;
        this.notices = notices;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/ban/add.json", request -> ban(request, true)),
                new FunctionRoute("/chatroom/ban/rollback.json", request -> ban(request, false)),
                new FunctionRoute("/chatroom/ban/check.json", this::check),
                new FunctionRoute("/chatroom/ban/query.json", this::query),
                new FunctionRoute("/chatroom/user/ban/whitelist/add.json", request -> whitelist(request, true)),
                new FunctionRoute("/chatroom/user/ban/whitelist/rollback.json", request -> whitelist(request, false)),
                new FunctionRoute("/chatroom/user/ban/whitelist/query.json", this::whitelistQuery));
    }

    private ApiResponse ban(ApiRequest request, boolean banned) {
        Room room = registry.require(request.required("chatroomId"));
        room.setBanned(banned);
        peers.muted(room.id(), banned);
        if (MemberNotices.wanted(request)) {
            notices.toRoom(MemberNotice.ban(room.id(), banned ? BanType.MUTE_ALL : BanType.UNMUTE_ALL, 0,
                    clock.millis(), List.of(), MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse check(ApiRequest request) {
        return ApiResponse.of("status", registry.require(request.required("chatroomId")).banned() ? 1 : 0);
    }

    /** The muted rooms, sorted by id, {@code size} (default 50) per {@code page} (from 1). */
    private ApiResponse query(ApiRequest request) {
        long page = request.longValue("page", 1);
        long size = request.longValue("size", 50);
        if (page < 1 || size < 1 || size > 1000) {
            throw ImException.invalidParameter("page must be 1 or more and size 1 to 1000");
        }
        List<String> banned = registry.rooms().stream().filter(Room::banned).map(Room::id).sorted()
                .skip((page - 1) * size).limit(size).toList();
        return ApiResponse.of("chatroomIds", banned);
    }

    private ApiResponse whitelist(ApiRequest request, boolean add) {
        Room room = registry.require(request.required("chatroomId"));
        List<String> userIds = requiredList(request, "userId");
        room.banWhitelist(userIds, add);
        if (MemberNotices.wanted(request)) {
            notices.toRoom(MemberNotice.ban(room.id(), add ? BanType.ADD_WHITELIST : BanType.REMOVE_WHITELIST, 0,
                    clock.millis(), userIds, MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse whitelistQuery(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        return ApiResponse.of("userIds", List.copyOf(room.banWhitelist()));
    }
}
