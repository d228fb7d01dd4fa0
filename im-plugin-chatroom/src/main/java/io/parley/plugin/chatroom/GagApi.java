package io.parley.plugin.chatroom;

import static io.parley.plugin.chatroom.ApiFormats.requiredList;

import io.parley.api.route.FunctionRoute;
import io.parley.plugin.chatroom.MemberNotice.BanType;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.time.Clock;
import java.util.List;

/**
 * Muting users: in one room ({@code /chatroom/user/gag/add|rollback|list.json}) and in every room
 * ({@code /chatroom/user/ban/add|remove|query.json}, kept in metadata). A muted member's messages are refused
 * with 23408. Lists answer {@code users:[{userId, time}]}, {@code time} being the end of the mute. With
 * {@code needNotify=true} a gag or ungag is told to the room's members, a mute in every room or its end to the users
 * muted ({@link MemberNotices}). With several nodes a room's gags reach every node ({@link RoomPeers}). Run on
 * server-API worker threads.
 */
final class GagApi {
    private final ChatroomRegistry registry;
    private final ChatroomSettings settings;
    private final Clock clock;
    private final RoomPeers peers;
    private final MemberNotices notices;

    GagApi(ChatroomRegistry registry, ChatroomSettings settings, Clock clock, RoomPeers peers,
            MemberNotices notices) {
        this.registry = registry;
        this.peers = peers;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/user/gag/add.json", this::gag),
                new FunctionRoute("/chatroom/user/gag/rollback.json", this::ungag),
                new FunctionRoute("/chatroom/user/gag/list.json", this::gagList),
                new FunctionRoute("/chatroom/user/ban/add.json", this::mute),
                new FunctionRoute("/chatroom/user/ban/remove.json", this::unmute),
                new FunctionRoute("/chatroom/user/ban/query.json", this::muteList));
    }

    private ApiResponse gag(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        List<String> userIds = requiredList(request, "userId");
        long now = clock.millis();
        long until = ApiFormats.until(request, now);
        room.gag(userIds, until);
        peers.gagged(room.id(), userIds, until);
        if (MemberNotices.wanted(request)) {
            notices.toRoom(MemberNotice.ban(room.id(), BanType.MUTE_USERS, until - now, now, userIds,
                    MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse ungag(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        List<String> userIds = requiredList(request, "userId");
        room.ungag(userIds);
        peers.ungagged(room.id(), userIds);
        if (MemberNotices.wanted(request)) {
            notices.toRoom(MemberNotice.ban(room.id(), BanType.UNMUTE_USERS, 0, clock.millis(), userIds,
                    MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse gagList(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        return ApiResponse.of("users", ApiFormats.timedUsers(room.gagged(clock.millis())));
    }

    private ApiResponse mute(ApiRequest request) {
        List<String> userIds = requiredList(request, "userId");
        long now = clock.millis();
        long until = ApiFormats.until(request, now);
        settings.muteGlobally(userIds, until);
        if (MemberNotices.wanted(request)) {
            notices.toUsers(MemberNotice.ban("", BanType.MUTE_GLOBAL, until - now, now, userIds,
                    MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse unmute(ApiRequest request) {
        List<String> userIds = requiredList(request, "userId");
        settings.unmuteGlobally(userIds);
        if (MemberNotices.wanted(request)) {
            notices.toUsers(MemberNotice.ban("", BanType.UNMUTE_GLOBAL, 0, clock.millis(), userIds,
                    MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse muteList(ApiRequest request) {
        return ApiResponse.of("users", ApiFormats.timedUsers(settings.globalMutes(clock.millis())));
    }
}
